// The drawer count as typed (one field per note or coin) turned into what Rust counts.
import type { CashCount } from "./backend";

const U32_MAX = 4_294_967_295;

/** The count, or null when a field holds something other than a whole number. Empty
 * fields are left out. */
export function toCashCount(
  denominations: readonly string[],
  typed: Readonly<Record<string, string>>,
): CashCount | null {
  const counts: CashCount["counts"] = [];
  for (const denomination of denominations) {
    const text = (typed[denomination] ?? "").trim();
    if (text === "") continue;
    if (!/^\d+$/.test(text)) return null;
    const count = Number(text);
    if (count > U32_MAX) return null;
    if (count > 0) counts.push({ denomination, count });
  }
  return { counts };
}
