// The one place the UI reaches Rust. No other file imports @tauri-apps/*: that keeps the UI
// runnable in a plain browser (for Playwright) with another implementation of this interface.
import { invoke } from "@tauri-apps/api/core";

export interface AppInfo {
  name: string;
  version: string;
}

/** Every command error arrives in this shape; the UI never matches on message strings. */
export interface CommandError {
  code: string;
  message: string;
}

export interface Backend {
  appInfo(): Promise<AppInfo>;
}

function insideTauri(): boolean {
  return typeof window !== "undefined" && "__TAURI_INTERNALS__" in window;
}

const tauriBackend: Backend = {
  appInfo: () => invoke<AppInfo>("app_info"),
};

/** Outside the desktop app (a browser test) the app describes itself without Rust. */
const browserBackend: Backend = {
  appInfo: () => Promise.resolve({ name: "Tally", version: "browser" }),
};

export const backend: Backend = insideTauri() ? tauriBackend : browserBackend;
