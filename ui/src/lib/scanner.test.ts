import { describe, expect, it } from "vitest";
import {
  looksLikeSearch,
  ScanDetector,
  scanEntry,
  scannedEntry,
  type KeyVerdict,
} from "./scanner";

/** Types `text` one key every `gap` ms from `start`, then Enter `enterGap` ms later. */
function type(
  detector: ScanDetector,
  text: string,
  gap: number,
  start = 0,
  enterGap = gap,
): { verdicts: KeyVerdict[]; enter: KeyVerdict; end: number } {
  let at = start;
  const verdicts = [...text].map((ch, index) => {
    at = start + index * gap;
    return detector.key(ch, at);
  });
  const enter = detector.key("Enter", at + enterGap);
  return { verdicts, enter, end: at + enterGap };
}

describe("ScanDetector", () => {
  it("reads fast keystrokes ending with Enter as a scan of exactly those characters", () => {
    const { verdicts, enter } = type(new ScanDetector(), "4006381333931", 5);
    expect(enter).toEqual({ kind: "scan", code: "4006381333931" });
    expect(verdicts[0]).toEqual({ kind: "char", fast: false });
    expect(verdicts.slice(1).every((v) => v.kind === "char" && v.fast)).toBe(true);
  });

  it("reads slow typing followed by Enter as typed text, never a scan", () => {
    const { verdicts, enter } = type(new ScanDetector(), "milk", 120);
    expect(enter).toEqual({ kind: "enter" });
    expect(verdicts.every((v) => v.kind === "char" && !v.fast)).toBe(true);
  });

  it("treats a gap of exactly the threshold as slow", () => {
    expect(type(new ScanDetector(30), "12345", 30).enter).toEqual({ kind: "enter" });
    expect(type(new ScanDetector(30), "12345", 29).enter.kind).toBe("scan");
  });

  it("needs the Enter itself to come at scanner speed", () => {
    expect(type(new ScanDetector(), "4006381333931", 5, 0, 400).enter).toEqual({ kind: "enter" });
  });

  it("ignores bursts shorter than a barcode", () => {
    expect(type(new ScanDetector(30, 3), "ab", 5).enter).toEqual({ kind: "enter" });
    expect(type(new ScanDetector(30, 3), "abc", 5).enter.kind).toBe("scan");
  });

  it("takes only the trailing burst: slowly typed text before a scan is not part of the code", () => {
    const detector = new ScanDetector();
    detector.key("3", 0);
    detector.key("*", 300);
    const { enter } = type(detector, "GRO-0001", 4, 1000);
    expect(enter).toEqual({ kind: "scan", code: "GRO-0001" });
  });

  it("lets Shift (sent by scanners for capitals) pass inside a burst", () => {
    const detector = new ScanDetector();
    detector.key("Shift", 0);
    detector.key("G", 2);
    detector.key("Shift", 4);
    detector.key("R", 6);
    detector.key("O", 8);
    expect(detector.key("Enter", 10)).toEqual({ kind: "scan", code: "GRO" });
  });

  it("breaks a burst on editing keys", () => {
    const detector = new ScanDetector();
    detector.key("1", 0);
    detector.key("2", 5);
    detector.key("3", 10);
    expect(detector.key("Backspace", 15)).toEqual({ kind: "other" });
    expect(detector.key("Enter", 20)).toEqual({ kind: "enter" });
  });

  it("starts afresh after each Enter", () => {
    const detector = new ScanDetector();
    type(detector, "111111", 5, 0);
    const second = type(detector, "222222", 5, 1000);
    expect(second.enter).toEqual({ kind: "scan", code: "222222" });
  });
});

describe("scanEntry", () => {
  it("reads N*code as a quantity and a code", () => {
    expect(scanEntry("3*4006381333931")).toEqual({ code: "4006381333931", quantity: "3" });
    expect(scanEntry(" 1.5 * GRO-0001 ")).toEqual({ code: "GRO-0001", quantity: "1.5" });
  });

  it("reads anything else as a code with no quantity", () => {
    expect(scanEntry(" 4006381333931 ")).toEqual({ code: "4006381333931", quantity: null });
    expect(scanEntry("x*12")).toEqual({ code: "x*12", quantity: null });
    expect(scanEntry("   ")).toBeNull();
  });

  it("uses the scanner's burst as the code and a typed N* before it as the quantity", () => {
    expect(scanEntry("2*4006381333931", "4006381333931")).toEqual({
      code: "4006381333931",
      quantity: "2",
    });
    // Typed fast enough to count as one burst, N*code still reads as a quantity.
    expect(scanEntry("3*GRO-0002", "3*GRO-0002")).toEqual({ code: "GRO-0002", quantity: "3" });
    // What a failed scan left in the field is not glued to the next code.
    expect(scanEntry("99994006381333931", "4006381333931")).toEqual({
      code: "4006381333931",
      quantity: null,
    });
  });
});

describe("looksLikeSearch", () => {
  it("searches for text with letters, not for digits", () => {
    expect(looksLikeSearch("milk")).toBe(true);
    expect(looksLikeSearch("Bröt")).toBe(true);
    expect(looksLikeSearch("4006381333931")).toBe(false);
    expect(looksLikeSearch("12.50")).toBe(false);
  });
});

describe("scannedEntry", () => {
  it("keeps a lagging first digit: the whole field is the code", () => {
    // The scanner's first key came 40 ms before the rest: the burst lacks it.
    expect(scannedEntry("2000000000060", "000000000060")).toEqual({
      code: "2000000000060",
      quantity: null,
    });
  });

  it("takes only the burst when a name was being typed before it", () => {
    expect(scannedEntry("spag2000000000060", "2000000000060")).toEqual({
      code: "2000000000060",
      quantity: null,
    });
  });

  it("reads a quantity typed before the scan", () => {
    expect(scannedEntry("3*2000000000060", "2000000000060")).toEqual({
      code: "2000000000060",
      quantity: "3",
    });
  });
});
