// Tells a barcode scanner from a person at the keyboard. A scanner is a "keyboard wedge": it
// types the code's characters a few milliseconds apart and ends with Enter. A person types
// far slower, so the gaps between keys decide which one it was.

/** Characters closer together than this (ms) come from a scanner. */
export const SCAN_GAP_MS = 30;
/** Shorter bursts are fast typing, not a barcode. */
export const MIN_SCAN_LENGTH = 3;

export type KeyVerdict =
  /** A scanner's burst ended with Enter: `code` is what it typed. */
  | { kind: "scan"; code: string }
  /** Enter after typing by hand. */
  | { kind: "enter" }
  /** A printable character; `fast` when it follows the previous one at scanner speed. */
  | { kind: "char"; fast: boolean }
  /** Anything else (arrows, Backspace, ...): it breaks a burst. */
  | { kind: "other" };

/** Keys a scanner may send inside a burst (Shift for capitals) that are not characters. */
const MODIFIERS = new Set(["Shift", "CapsLock", "Control", "Alt", "AltGraph", "Meta"]);

interface Stroke {
  ch: string;
  at: number;
}

export class ScanDetector {
  #strokes: Stroke[] = [];

  constructor(
    private readonly gapMs: number = SCAN_GAP_MS,
    private readonly minLength: number = MIN_SCAN_LENGTH,
  ) {}

  /** Feeds one keydown (`key` as in KeyboardEvent.key, `at` in ms) and says what it was. */
  key(key: string, at: number): KeyVerdict {
    if (key === "Enter") {
      const burst = this.#trailingBurst(at);
      this.reset();
      return burst.length >= this.minLength ? { kind: "scan", code: burst } : { kind: "enter" };
    }
    if (MODIFIERS.has(key)) {
      return { kind: "other" };
    }
    if ([...key].length !== 1) {
      this.reset();
      return { kind: "other" };
    }
    const last = this.#strokes.at(-1);
    const fast = last !== undefined && at - last.at < this.gapMs;
    this.#strokes.push({ ch: key, at });
    return { kind: "char", fast };
  }

  /** Forgets the keys so far (after a scan, or when the field is cleared). */
  reset(): void {
    this.#strokes = [];
  }

  /** The characters typed at scanner speed just before an Enter that came as fast. */
  #trailingBurst(enterAt: number): string {
    const strokes = this.#strokes;
    const last = strokes.at(-1);
    if (last === undefined || enterAt - last.at >= this.gapMs) {
      return "";
    }
    let start = strokes.length - 1;
    while (start > 0) {
      const here = strokes[start];
      const before = strokes[start - 1];
      if (here === undefined || before === undefined || here.at - before.at >= this.gapMs) {
        break;
      }
      start -= 1;
    }
    return strokes
      .slice(start)
      .map((stroke) => stroke.ch)
      .join("");
  }
}

/** What to ring up: a code, and a quantity when typed as `3*4006381333931`. */
export interface ScanEntry {
  code: string;
  quantity: string | null;
}

const QUANTITY_PREFIX = /^\s*(\d+(?:\.\d+)?)\s*\*\s*$/;

/** `N*code`, or null when the text is not written that way. */
function starred(text: string): ScanEntry | null {
  const star = text.indexOf("*");
  if (star < 0) return null;
  const quantity = QUANTITY_PREFIX.exec(text.slice(0, star + 1))?.[1];
  const code = text.slice(star + 1).trim();
  return quantity !== undefined && code !== "" ? { code, quantity } : null;
}

/**
 * Reads the scan field. `scanned` is the scanner's burst when there was one: the code is then
 * the burst (whatever was left in the field before it is ignored), and a `N*` typed just
 * before it, or inside it, is the quantity.
 */
export function scanEntry(fieldText: string, scanned: string | null = null): ScanEntry | null {
  if (scanned !== null) {
    const inBurst = starred(scanned);
    if (inBurst) return inBurst;
    const code = scanned.trim();
    if (code === "") return null;
    const before = fieldText.endsWith(scanned) ? fieldText.slice(0, -scanned.length) : "";
    const quantity = QUANTITY_PREFIX.exec(before)?.[1] ?? null;
    return { code, quantity };
  }
  const code = fieldText.trim();
  return starred(fieldText) ?? (code === "" ? null : { code, quantity: null });
}

/** Whether typed text is a name to search for rather than a code (it has a letter in it). */
export function looksLikeSearch(text: string): boolean {
  return /\p{L}/u.test(text);
}

/**
 * What a scanner's burst rings up. The whole field, unless a name was being typed before the
 * burst (then only the burst): a scanner whose first key lagged behind the rest must not
 * lose its leading digits and ring up another item.
 */
export function scannedEntry(fieldText: string, burst: string): ScanEntry | null {
  const before = fieldText.endsWith(burst) ? fieldText.slice(0, -burst.length) : "";
  return looksLikeSearch(before) ? scanEntry(fieldText, burst) : scanEntry(fieldText);
}
