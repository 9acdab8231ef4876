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
  hq_url: string | null;
  /** The last sync round reached HQ and finished. */
  online: boolean;
  queue_length: number;
  dead_letters: number;
  last_sync: string | null;
  last_error: string | null;
  shift_open: boolean;
  recent_dead_letters: DeadLetter[];
}

/** Mirrors pos_store::DeadLetter: a record HQ refused, with its reason. */
export interface DeadLetter {
  seq: number;
  kind: string;
  record_id: string;
  code: string;
  reason: string;
  rejected_at: string;
}

export interface Backend {
  appInfo(): Promise<AppInfo>;
  terminalStatus(): Promise<TerminalStatus>;
  /** Asks for a sync round now; false when the terminal is not paired. */
  syncNow(): Promise<boolean>;
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
  syncNow: () => call<boolean>("sync_now"),
};

/** Outside the desktop app there is no terminal to talk to, and the UI says so. */
const browserBackend: Backend = {
  appInfo: () => Promise.resolve({ name: "Tally", version: "browser" }),
  terminalStatus: () =>
    Promise.reject<TerminalStatus>({
      code: "no_backend",
      message: "This page runs outside the Tally app, so there is no terminal to show.",
    }),
  syncNow: () => Promise.resolve(false),
};

export const backend: Backend = insideTauri() ? tauriBackend : browserBackend;
