// Which screen is up and what the whole app shares: the store's state, who is signed in,
// the sale on the till, the last receipt and the terminal's sync status.
import {
  backend,
  type AppInfo,
  type Receipt,
  type SaleView,
  type SetupState,
  type Staff,
  type Status,
} from "./backend";
import { attempt, showError } from "./errors.svelte";

export type Screen =
  | "loading"
  | "first_run"
  | "sign_in"
  | "sale"
  | "tender"
  | "receipt"
  | "refund"
  | "shift"
  | "stock"
  | "today"
  | "sync"
  | "printer";

class AppState {
  screen = $state<Screen>("loading");
  info = $state<AppInfo | null>(null);
  setup = $state<SetupState | null>(null);
  staff = $state<Staff | null>(null);
  sale = $state<SaleView | null>(null);
  /** The receipt of the sale just finished (the receipt screen). */
  receipt = $state<Receipt | null>(null);
  status = $state<Status | null>(null);
  /** How many dialogs are open: the sale screen leaves focus alone while any is. */
  dialogs = $state(0);
  /** Bumped to ask the sale screen to put the cursor back in the scan field. */
  focusScan = $state(0);
}

export const app = new AppState();

/** Whether a store exists (the header, polling and the other screens apply). */
export function hasStore(): boolean {
  return app.screen !== "loading" && app.screen !== "first_run";
}

/** Decides the first screen: first run, sign-in, or back to the till after a reload. */
export async function boot(): Promise<void> {
  backend
    .appInfo()
    .then((info) => (app.info = info))
    .catch(showError);
  const setup = await attempt(() => backend.setupState());
  if (setup === undefined) {
    return;
  }
  app.setup = setup;
  if (setup.state !== "ready") {
    app.screen = "first_run";
    return;
  }
  void refreshStatus();
  const sale = await attempt(() => backend.currentSale());
  if (sale?.cashier) {
    await signedIn(sale.cashier);
  } else {
    app.screen = "sign_in";
  }
}

/** After sign-in: the shift screen when no shift is open, else the till. */
export async function signedIn(staff: Staff): Promise<void> {
  app.staff = staff;
  const shift = await attempt(() => backend.currentShift());
  if (shift === null) {
    app.screen = "shift";
  } else {
    await openSale();
  }
}

/** Shows the till with the sale as Rust has it. */
export async function openSale(): Promise<void> {
  const sale = await attempt(() => backend.currentSale());
  if (sale !== undefined) app.sale = sale;
  app.screen = "sale";
  app.focusScan += 1;
}

export async function go(screen: Screen): Promise<void> {
  if (screen === "sale") {
    await openSale();
  } else {
    app.screen = screen;
  }
}

export async function signOut(): Promise<void> {
  const done = await attempt(() => backend.signOut());
  if (done === undefined) return;
  app.staff = null;
  app.sale = null;
  app.receipt = null;
  app.screen = "sign_in";
}

export async function refreshStatus(): Promise<void> {
  try {
    app.status = await backend.terminalStatus();
  } catch {
    // The badge keeps the last status it had; the next poll tries again.
  }
}

/** A finished sale: the next (empty) sale is on the till, the receipt on screen. */
export function finished(receipt: Receipt, next: SaleView | null): void {
  if (next !== null) app.sale = next;
  app.receipt = receipt;
  app.screen = "receipt";
  void refreshStatus();
}
