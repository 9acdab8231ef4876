import { describe, expect, it } from "vitest";
import type { RefundableLine } from "./backend";
import { isNothing, refundLines } from "./refund-lines";

function line(line_no: number, sku: string, left: string): RefundableLine {
  return { line_no, sku, name: sku, unit_price: "1.00", sold: left, left, total: "1.00" };
}

describe("refundLines", () => {
  const lines = [line(1, "GRO-0001", "2"), line(2, "GRO-0002", "1"), line(3, "GRO-0003", "5")];

  it("sends only the lines with a quantity, by SKU, as typed", () => {
    expect(refundLines(lines, { 1: "2", 2: "0", 3: " 1.5 " })).toEqual([
      { code: "GRO-0001", quantity: "2" },
      { code: "GRO-0003", quantity: "1.5" },
    ]);
  });

  it("sends nothing when every quantity is empty or zero", () => {
    expect(refundLines(lines, { 1: "", 2: "0.0" })).toEqual([]);
    expect(isNothing("00")).toBe(true);
    expect(isNothing("0.5")).toBe(false);
  });
});
