import { describe, expect, it } from "vitest";
import {
  clockTime,
  count,
  dateTime,
  isNegative,
  isZero,
  closedDay,
  lastSync,
  lockedUntil,
  methodLabel,
  roleLabel,
  syncBadge,
  syncState,
  taxLine,
  tenderLabel,
} from "./format";

/** An ISO time for a wall-clock moment in this machine's zone, so tests hold in any TZ. */
function local(year: number, month: number, day: number, hour: number, minute: number): string {
  return new Date(year, month - 1, day, hour, minute).toISOString();
}

describe("sync badge", () => {
  it("says online, offline or not paired, with the queue", () => {
    expect(syncBadge({ paired: true, online: true, queue_length: 3 })).toBe("Online · 3 queued");
    expect(syncBadge({ paired: true, online: false, queue_length: 0 })).toBe("Offline · 0 queued");
    expect(syncBadge({ paired: false, online: false, queue_length: 2 })).toBe(
      "Not paired · 2 queued",
    );
    // A terminal that never paired is never "online", whatever the flag says.
    expect(syncState({ paired: false, online: true })).toBe("Not paired");
  });

  it("says where the last closed day stands with HQ", () => {
    const day = { business_date: "2026-11-27", detail: null, checked_at: null };
    expect(closedDay(null)).toBe("no day closed yet");
    expect(closedDay({ ...day, status: "waiting" })).toBe("2026-11-27: waiting for HQ to confirm it");
    expect(closedDay({ ...day, status: "matched" })).toBe("2026-11-27: HQ confirmed it to the cent");
    expect(
      closedDay({ ...day, status: "mismatched", detail: "sales: terminal 6, HQ 5" }),
    ).toBe("2026-11-27: HQ counts it differently (sales: terminal 6, HQ 5)");
  });
});

describe("times", () => {
  it("shows hours and minutes on the local clock", () => {
    expect(clockTime(local(2025, 3, 14, 9, 5))).toBe("09:05");
    expect(lockedUntil(local(2025, 3, 14, 17, 45))).toBe("locked until 17:45");
    expect(dateTime(local(2025, 3, 4, 23, 59))).toBe("2025-03-04 23:59");
  });

  it("shows what it cannot read as it came, and no sync as never", () => {
    expect(clockTime("soon")).toBe("soon");
    expect(lastSync(null)).toBe("never");
    expect(lastSync(local(2025, 1, 2, 8, 0))).toBe("2025-01-02 08:00");
  });
});

describe("amounts as text", () => {
  it("knows zero without parsing into a float", () => {
    expect(isZero("0.00")).toBe(true);
    expect(isZero("-0.00")).toBe(true);
    expect(isZero("0")).toBe(true);
    expect(isZero("0.01")).toBe(false);
    expect(isZero("10.00")).toBe(false);
    expect(isZero("")).toBe(false);
  });

  it("knows a negative amount", () => {
    expect(isNegative("-1.50")).toBe(true);
    expect(isNegative("-0.00")).toBe(false);
    expect(isNegative("1.50")).toBe(false);
  });

  it("labels tax by rate", () => {
    expect(taxLine("20%", "1.23")).toBe("Tax 20%: 1.23");
  });
});

describe("labels", () => {
  it("names roles and payment methods", () => {
    expect(roleLabel("manager")).toBe("Manager");
    expect(roleLabel("cashier")).toBe("Cashier");
    expect(methodLabel("store_credit")).toBe("Store credit");
    expect(tenderLabel({ kind: "card", reference: "A-77" })).toBe("Card A-77");
    expect(tenderLabel({ kind: "cash" })).toBe("Cash");
  });

  it("counts in words", () => {
    expect(count(1, "sale")).toBe("1 sale");
    expect(count(0, "sale")).toBe("0 sales");
    expect(count(3, "refund")).toBe("3 refunds");
  });
});
