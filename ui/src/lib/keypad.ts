// The on-screen keypad's keys applied to the PIN being typed.

export type KeypadKey = "0" | "1" | "2" | "3" | "4" | "5" | "6" | "7" | "8" | "9" | "clear" | "back";

export const DIGITS: readonly KeypadKey[] = ["1", "2", "3", "4", "5", "6", "7", "8", "9"];

export function applyKey(value: string, key: KeypadKey): string {
  switch (key) {
    case "clear":
      return "";
    case "back":
      return [...value].slice(0, -1).join("");
    default:
      return value + key;
  }
}
