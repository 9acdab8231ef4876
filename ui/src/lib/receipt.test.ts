import { describe, expect, it } from "vitest";
import type { Receipt } from "./backend";
import { receiptRows } from "./receipt";

const receipt: Receipt = {
  receipt_no: "T01-000042",
  kind: "sale",
  occurred_at: new Date(2025, 2, 14, 9, 5).toISOString(),
  cashier: "Ann",
  lines: [
    {
      sku: "GRO-0001",
      name: "Milk 1l",
      quantity: "2",
      unit_price: "1.20",
      discount: "0.00",
      tax: "0.40",
      price_includes_tax: true,
      total: "2.40",
    },
    {
      sku: "GRO-0002",
      name: "Bread",
      quantity: "1",
      unit_price: "3.00",
      discount: "0.30",
      tax: "0.45",
      price_includes_tax: true,
      total: "2.70",
    },
  ],
  subtotal: "5.40",
  discount_total: "0.30",
  tax_total: "0.00",
  tax_included: "0.85",
  total: "5.10",
  paid: "10.00",
  change: "4.90",
  payments: [{ method: "cash", amount: "10.00", reference: null }],
  negative_stock: [],
};

describe("receiptRows", () => {
  it("prints every line, the figures Rust gave, the payments and the change", () => {
    expect(receiptRows(receipt)).toEqual([
      { left: "2025-03-14 09:05", right: "Ann" },
      { left: "Milk 1l", right: "2.40" },
      { left: "  2 x 1.20", right: "" },
      { left: "Bread", right: "2.70" },
      { left: "  1 x 3.00  less 0.30", right: "" },
      { left: "Subtotal", right: "5.40" },
      { left: "Discount", right: "0.30" },
      { left: "Tax included", right: "0.85" },
      { left: "TOTAL", right: "5.10", strong: true },
      { left: "Cash", right: "10.00" },
      { left: "Change", right: "4.90", strong: true },
    ]);
  });

  it("names a card payment by its reference", () => {
    const card = { ...receipt, payments: [{ method: "card" as const, amount: "5.10", reference: "A-77" }] };
    expect(receiptRows(card)).toContainEqual({ left: "Card A-77", right: "5.10" });
  });
});
