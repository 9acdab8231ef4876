import { describe, expect, it } from "vitest";
import { stepQuantity } from "./quantity";

describe("stepQuantity", () => {
  it("adds and takes one from a whole quantity", () => {
    expect(stepQuantity("1", 1)).toEqual({ kind: "set", quantity: "2" });
    expect(stepQuantity("3", -1)).toEqual({ kind: "set", quantity: "2" });
    expect(stepQuantity("2.000", 1)).toEqual({ kind: "set", quantity: "3" });
  });

  it("removes the line on minus at one", () => {
    expect(stepQuantity("1", -1)).toEqual({ kind: "remove" });
  });

  it("has no step for a fractional quantity", () => {
    expect(stepQuantity("1.5", 1)).toBeNull();
    expect(stepQuantity("0.375", -1)).toBeNull();
    expect(stepQuantity("", 1)).toBeNull();
  });

  it("stays exact past a float's integer precision", () => {
    expect(stepQuantity("9007199254740993", 1)).toEqual({
      kind: "set",
      quantity: "9007199254740994",
    });
  });
});
