import { describe, expect, it } from "vitest";
import { applyKey } from "./keypad";

describe("applyKey", () => {
  it("types digits, takes the last one back, and clears", () => {
    let pin = "";
    for (const key of ["1", "2", "3"] as const) pin = applyKey(pin, key);
    expect(pin).toBe("123");
    expect(applyKey(pin, "back")).toBe("12");
    expect(applyKey("", "back")).toBe("");
    expect(applyKey(pin, "clear")).toBe("");
    expect(applyKey("12", "0")).toBe("120");
  });
});
