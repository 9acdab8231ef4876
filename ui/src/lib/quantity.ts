// The cart's + and - buttons. Quantities are decimal strings from Rust; stepping a whole
// number by one is the only arithmetic the UI does on them (1.5 kg has no +/-).

export type QuantityStep = { kind: "set"; quantity: string } | { kind: "remove" };

/** What +1 or -1 does to `quantity`: a new quantity, removing the line (minus at 1), or null
 * when the quantity is not a whole number. */
export function stepQuantity(quantity: string, delta: 1 | -1): QuantityStep | null {
  const whole = /^\s*(\d+)(?:\.0*)?\s*$/.exec(quantity)?.[1];
  if (whole === undefined) {
    return null;
  }
  const next = BigInt(whole) + BigInt(delta);
  return next <= 0n ? { kind: "remove" } : { kind: "set", quantity: next.toString() };
}
