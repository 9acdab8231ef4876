// The refund screen's quantities turned into the lines of a refund request.
import type { RefundLineInput, RefundableLine } from "./backend";

/** Whether a typed quantity is empty or zero ("0", "0.0"): that line is not refunded. */
export function isNothing(quantity: string): boolean {
  return /^0*(?:\.0*)?$/.test(quantity.trim());
}

/** Lines with a quantity other than zero, by SKU; Rust checks what may come back. */
export function refundLines(
  lines: readonly RefundableLine[],
  typed: Readonly<Record<number, string>>,
): RefundLineInput[] {
  return lines.flatMap((line) => {
    const quantity = (typed[line.line_no] ?? "").trim();
    return isNothing(quantity) ? [] : [{ code: line.sku, quantity }];
  });
}
