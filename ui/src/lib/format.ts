// How values read on screen. Amounts are Rust's decimal strings and are shown as they come:
// nothing here computes money.
import type { DayConfirmation, PaymentMethod, Role, Status, TenderMethod } from "./backend";

export function roleLabel(role: Role): string {
  return role === "manager" ? "Manager" : "Cashier";
}

export function methodLabel(method: PaymentMethod): string {
  switch (method) {
    case "cash":
      return "Cash";
    case "card":
      return "Card";
    case "store_credit":
      return "Store credit";
  }
}

/** A payment taken on the sale screen: "Cash", "Card 1234", "Store credit". */
export function tenderLabel(method: TenderMethod): string {
  switch (method.kind) {
    case "cash":
      return "Cash";
    case "card":
      return method.reference ? `Card ${method.reference}` : "Card";
    case "store_credit":
      return "Store credit";
  }
}

/** "Online", "Offline" or "Not paired". */
export function syncState(status: Pick<Status, "paired" | "online">): string {
  if (!status.paired) return "Not paired";
  return status.online ? "Online" : "Offline";
}

/** HQ's word on the last business day a Z report closed. */
export function closedDay(day: DayConfirmation | null): string {
  if (day === null) return "no day closed yet";
  switch (day.status) {
    case "matched":
      return `${day.business_date}: HQ confirmed it to the cent`;
    case "mismatched":
      return `${day.business_date}: HQ counts it differently (${day.detail ?? "no detail"})`;
    default:
      return `${day.business_date}: waiting for HQ to confirm it`;
  }
}

/** The header's badge: "Online · 3 queued". */
export function syncBadge(status: Pick<Status, "paired" | "online" | "queue_length">): string {
  return `${syncState(status)} · ${status.queue_length} queued`;
}

function two(n: number): string {
  return String(n).padStart(2, "0");
}

function parse(iso: string): Date | null {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** "14:05" on this computer's clock; the text itself when it is not a time. */
export function clockTime(iso: string): string {
  const date = parse(iso);
  return date ? `${two(date.getHours())}:${two(date.getMinutes())}` : iso;
}

/** "2025-03-14 14:05" on this computer's clock. */
export function dateTime(iso: string): string {
  const date = parse(iso);
  if (!date) return iso;
  const day = `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}`;
  return `${day} ${two(date.getHours())}:${two(date.getMinutes())}`;
}

export function lockedUntil(iso: string): string {
  return `locked until ${clockTime(iso)}`;
}

export function lastSync(iso: string | null): string {
  return iso === null ? "never" : dateTime(iso);
}

/** One tax rate's line: "Tax 20%: 1.23" (the rate has no name on the till yet). */
export function taxLine(rate: string, amount: string): string {
  return `Tax ${rate}: ${amount}`;
}

/** Whether an amount as Rust wrote it is zero ("0.00", "-0.00"). */
export function isZero(amount: string): boolean {
  return /^[-+]?0*(?:\.0*)?$/.test(amount.trim()) && /0/.test(amount);
}

export function isNegative(amount: string): boolean {
  return amount.trim().startsWith("-") && !isZero(amount);
}

/** "1 sale", "3 sales". */
export function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
