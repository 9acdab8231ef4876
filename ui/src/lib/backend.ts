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

/** Mirrors pos_terminal::Status. */
export interface TerminalStatus {
  terminal_id: string;
  code: string;
  paired: boolean;
  queue_length: number;
  dead_letters: number;
  last_sync: string | null;
  last_error: string | null;
  shift_open: boolean;
}

export interface Backend {
  appInfo(): Promise<AppInfo>;
  terminalStatus(): Promise<TerminalStatus>;
}

function asCommandError(error: unknown): CommandError {
  if (typeof error === "object" && error !== null && "code" in error && "message" in error) {
    return { code: String(error.code), message: String(error.message) };
  }
  return { code: "internal", message: String(error) };
}

async function call<T>(command: string): Promise<T> {
  try {
    return await invoke<T>(command);
  } catch (error) {
    throw asCommandError(error);
  }
}

function insideTauri(): boolean {
  return typeof window !== "undefined" && "__TAURI_INTERNALS__" in window;
}

const tauriBackend: Backend = {
  appInfo: () => call<AppInfo>("app_info"),
  terminalStatus: () => call<TerminalStatus>("terminal_status"),
};

/** Outside the desktop app there is no terminal to talk to, and the UI says so. */
const browserBackend: Backend = {
  appInfo: () => Promise.resolve({ name: "Tally", version: "browser" }),
  terminalStatus: () =>
    Promise.reject<TerminalStatus>({
      code: "no_backend",
      message: "This page runs outside the Tally app, so there is no terminal to show.",
    }),
};

export const backend: Backend = insideTauri() ? tauriBackend : browserBackend;
