import { describe, expect, it } from "vitest";
import { barHeights } from "./chart";

describe("barHeights", () => {
  it("draws bars in proportion to the biggest hour", () => {
    expect(barHeights(["0.00", "50.00", "100.00", "25.00"], 160)).toEqual([0, 80, 160, 40]);
  });

  it("draws nothing for a day without sales, or for a net refund", () => {
    expect(barHeights(["0.00", "0.00"], 160)).toEqual([0, 0]);
    expect(barHeights(["-5.00", "10.00"], 100)).toEqual([0, 100]);
  });
});
