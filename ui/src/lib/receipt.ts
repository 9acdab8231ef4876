// A receipt as text rows (left and right columns), for the monospace receipt block.
import type { Receipt } from "./backend";
import { dateTime, isZero, methodLabel } from "./format";

export interface ReceiptRow {
  left: string;
  right: string;
  /** Rows that stand out: the total and the change. */
  strong?: boolean;
}

/** The rows under the heading (kind and receipt number, which the block shows itself). */
export function receiptRows(receipt: Receipt): ReceiptRow[] {
  const rows: ReceiptRow[] = [{ left: dateTime(receipt.occurred_at), right: receipt.cashier }];
  for (const line of receipt.lines) {
    rows.push({ left: line.name, right: line.total });
    const detail = `  ${line.quantity} x ${line.unit_price}`;
    rows.push({
      left: isZero(line.discount) ? detail : `${detail}  less ${line.discount}`,
      right: "",
    });
  }
  rows.push({ left: "Subtotal", right: receipt.subtotal });
  if (!isZero(receipt.discount_total)) {
    rows.push({ left: "Discount", right: receipt.discount_total });
  }
  if (!isZero(receipt.tax_total)) {
    rows.push({ left: "Tax", right: receipt.tax_total });
  }
  if (!isZero(receipt.tax_included)) {
    rows.push({ left: "Tax included", right: receipt.tax_included });
  }
  rows.push({ left: "TOTAL", right: receipt.total, strong: true });
  for (const payment of receipt.payments) {
    const label = methodLabel(payment.method);
    rows.push({
      left: payment.reference ? `${label} ${payment.reference}` : label,
      right: payment.amount,
    });
  }
  rows.push({ left: "Change", right: receipt.change, strong: true });
  return rows;
}
