// Bar heights for the sales-by-hour chart. parseFloat is for drawing only: no amount shown
// on screen comes from here.

/** Heights in `height` units, proportional to each total; negative totals draw nothing. */
export function barHeights(totals: readonly string[], height: number): number[] {
  const values = totals.map((total) => Math.max(0, Number.parseFloat(total) || 0));
  const max = Math.max(0, ...values);
  return values.map((value) => (max > 0 ? (value / max) * height : 0));
}
