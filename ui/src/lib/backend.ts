// The one place the UI reaches Rust. No other file imports @tauri-apps/*: that keeps the UI
// runnable in a plain browser (Playwright mocks the Tauri IPC underneath this module).
// Every type crossing the boundary comes from bindings.ts, generated from the Rust types.
import { invoke } from "@tauri-apps/api/core";
import type {
  AppInfo,
  CashCount,
  CommandError,
  CustomerRecord,
  DayReport,
  DemoStaff,
  Item,
  Money,
  ParkedSale,
  PaymentMethod,
  PaymentResult,
  PrinterSetup,
  PrinterStatus,
  Receipt,
  RefundLineInput,
  RefundTo,
  RefundableSale,
  SaleView,
  SetupState,
  ShiftRecord,
  ShiftSummary,
  Staff,
  StaffCard,
  Status,
  StockChangeKind,
  StockLine,
} from "./bindings";

export type * from "./bindings";

/** Every command error arrives in this shape; the UI never matches on message strings. */
export function asCommandError(error: unknown): CommandError {
  if (typeof error === "object" && error !== null && "code" in error && "message" in error) {
    return { code: String(error.code), message: String(error.message) };
  }
  return { code: "internal", message: String(error) };
}

export function isCommandError(error: unknown): error is CommandError {
  return typeof error === "object" && error !== null && "code" in error && "message" in error;
}

async function call<T>(command: string, args: Record<string, unknown> = {}): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (error) {
    throw asCommandError(error);
  }
}

/** A payment as the tender screen takes it. */
export interface PaymentInput {
  key: string;
  paid_before: Money;
  method: PaymentMethod;
  amount: Money;
  reference?: string | null;
  manager_pin?: string | null;
}

export const backend = {
  // The app and first run
  appInfo: () => call<AppInfo>("app_info"),
  setupState: () => call<SetupState>("setup_state"),
  createDemoStore: () => call<null>("create_demo_store"),
  pairWithHq: (hq_url: string, code: string) => call<null>("pair_with_hq", { hq_url, code }),
  terminalStatus: () => call<Status>("terminal_status"),
  /** Asks for a sync round now; false when the terminal is not paired. */
  syncNow: () => call<boolean>("sync_now"),

  // Who is at the till
  staffList: () => call<StaffCard[]>("staff_list"),
  /** The demo store's staff and PINs (empty on a real terminal), for the sign-in screen. */
  demoStaff: () => call<DemoStaff[]>("demo_staff"),
  signIn: (pin: string, user_id: string | null = null) => call<Staff>("sign_in", { pin, user_id }),
  signOut: () => call<null>("sign_out"),

  // The sale
  currentSale: () => call<SaleView>("current_sale"),
  scanItem: (code: string, quantity: string | null = null) =>
    call<SaleView>("scan_item", { code, quantity }),
  searchItems: (text: string) => call<Item[]>("search_items", { text }),
  setQuantity: (line_no: number, quantity: string) =>
    call<SaleView>("set_quantity", { line_no, quantity }),
  removeLine: (line_no: number) => call<SaleView>("remove_line", { line_no }),
  setLineDiscount: (line_no: number, discount: string) =>
    call<SaleView>("set_line_discount", { line_no, discount }),
  setCartDiscount: (discount: string) => call<SaleView>("set_cart_discount", { discount }),
  searchCustomers: (text: string) => call<CustomerRecord[]>("search_customers", { text }),
  attachCustomer: (customer_id: string | null) =>
    call<SaleView>("attach_customer", { customer_id }),
  parkSale: (label: string) => call<SaleView>("park_sale", { label }),
  parkedSales: () => call<ParkedSale[]>("parked_sales"),
  resumeSale: (id: string) => call<SaleView>("resume_sale", { id }),
  voidSale: (manager_pin: string | null = null) => call<SaleView>("void_sale", { manager_pin }),
  addPayment: (payment: PaymentInput) =>
    call<PaymentResult>("add_payment", {
      reference: null,
      manager_pin: null,
      ...payment,
    }),
  removePayment: (key: string, index: number) => call<SaleView>("remove_payment", { key, index }),
  finishSale: (key: string, manager_pin: string | null = null) =>
    call<Receipt>("finish_sale", { key, manager_pin }),

  // Refunds
  findSale: (receipt_no: string) => call<RefundableSale>("find_sale", { receipt_no }),
  refund: (
    key: string,
    receipt_no: string,
    lines: RefundLineInput[],
    to: RefundTo,
    manager_pin: string | null = null,
  ) => call<Receipt>("refund", { key, receipt_no, lines, to, manager_pin }),

  // The shift
  currentShift: () => call<ShiftRecord | null>("current_shift"),
  openShift: (float: string) => call<ShiftRecord>("open_shift", { float }),
  cashMovement: (
    into_drawer: boolean,
    amount: string,
    reason: string,
    manager_pin: string | null = null,
  ) => call<ShiftSummary>("cash_movement", { into_drawer, amount, reason, manager_pin }),
  xReport: () => call<ShiftSummary>("x_report"),
  denominations: () => call<Money[]>("denominations"),
  countCash: (count: CashCount) => call<Money>("count_cash", { count }),
  closeShift: (count: CashCount, manager_pin: string | null = null) =>
    call<ShiftSummary>("close_shift", { count, manager_pin }),

  // Manager screens
  stockList: (filter: string, low_only: boolean) =>
    call<StockLine[]>("stock_list", { filter, low_only }),
  changeStock: (
    code: string,
    kind: StockChangeKind,
    quantity: string,
    reason: string,
    manager_pin: string | null = null,
  ) => call<StockLine>("change_stock", { code, kind, quantity, reason, manager_pin }),
  dayReport: () => call<DayReport>("day_report"),

  // The receipt printer and the drawer
  printerStatus: () => call<PrinterStatus>("printer_status"),
  setPrinter: (setup: PrinterSetup, manager_pin: string | null = null) =>
    call<PrinterStatus>("set_printer", { setup, manager_pin }),
  /** Queues the receipt again and prints it in the background; false when no printer is set. */
  reprintReceipt: (receipt_no: string) => call<boolean>("reprint_receipt", { receipt_no }),
  retryPrinting: () => call<null>("retry_printing"),
  openDrawer: (reason: string, manager_pin: string | null = null) =>
    call<null>("open_drawer", { reason, manager_pin }),
};

export type Backend = typeof backend;
