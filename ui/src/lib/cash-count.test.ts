import { describe, expect, it } from "vitest";
import { toCashCount } from "./cash-count";

const notes = ["50.00", "20.00", "0.50"];

describe("toCashCount", () => {
  it("sends the counts typed, leaving out empty and zero fields", () => {
    expect(toCashCount(notes, { "50.00": "2", "20.00": "", "0.50": " 3 " })).toEqual({
      counts: [
        { denomination: "50.00", count: 2 },
        { denomination: "0.50", count: 3 },
      ],
    });
    expect(toCashCount(notes, { "50.00": "0" })).toEqual({ counts: [] });
    expect(toCashCount(notes, {})).toEqual({ counts: [] });
  });

  it("refuses what is not a whole number of notes", () => {
    expect(toCashCount(notes, { "50.00": "1.5" })).toBeNull();
    expect(toCashCount(notes, { "20.00": "-1" })).toBeNull();
    expect(toCashCount(notes, { "20.00": "two" })).toBeNull();
    expect(toCashCount(notes, { "20.00": "4294967296" })).toBeNull();
  });
});
