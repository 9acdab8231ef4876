//! Refunds built as the till will build them: each line's share prorated by pos-domain
//! from what the store says was already refunded.

use pos_domain::{Money, Quantity};
use pos_store::{NewPayment, NewSale, NewSaleLine, PaymentMethod, SaleKind, Store};
use uuid::Uuid;

/// A refund of `picks` (line index, quantity in thousandths) of `original`, each share
/// prorated by pos-domain from what was already refunded, paid out in one `method`
/// payment.
pub fn refund(
    store: &Store,
    original: &pos_store::StoredSale,
    picks: &[(usize, i64)],
    method: PaymentMethod,
) -> NewSale {
    use pos_domain::{LineTotals, RefundedSoFar, refund_share};
    let so_far = store.refunded_so_far(original.id).unwrap();
    let lines: Vec<NewSaleLine> = picks
        .iter()
        .map(|&(i, milli)| {
            let line = &original.lines[i];
            let done = &so_far[i];
            let totals = LineTotals {
                gross: line.gross,
                line_discount: line.line_discount,
                cart_discount_share: line.cart_discount_share,
                tax: line.tax,
                tax_included: line.price_includes_tax,
                total: line.total,
            };
            let already = RefundedSoFar {
                quantity: done.quantity,
                gross: done.gross,
                line_discount: done.line_discount,
                cart_discount_share: done.cart_discount_share,
                tax: done.tax,
            };
            let qty = Quantity::from_milli(milli).unwrap();
            // Over-refunds are built anyway (clamped by hand) so the store's refusal is tested.
            let share = refund_share(&totals, line.quantity, qty, &already)
                .unwrap_or(totals)
                .negated();
            NewSaleLine {
                id: Uuid::now_v7(),
                item_id: line.item_id,
                name: line.name.clone(),
                unit_price: line.unit_price,
                quantity: qty,
                tax_rate: line.tax_rate,
                price_includes_tax: line.price_includes_tax,
                gross: share.gross,
                line_discount: share.line_discount,
                cart_discount_share: share.cart_discount_share,
                tax: share.tax,
                total: share.total,
                refund_of_line: Some(line.id),
            }
        })
        .collect();
    let sum = |f: &dyn Fn(&NewSaleLine) -> Money| Money::checked_sum(lines.iter().map(f)).unwrap();
    let total = sum(&|l| l.total);
    NewSale {
        id: Uuid::now_v7(),
        kind: SaleKind::Refund,
        refund_of: Some(original.id),
        customer_id: original.customer_id,
        cashier_id: original.cashier_id,
        shift_id: original.shift_id,
        subtotal: sum(&|l| l.gross),
        discount_total: sum(&|l| l.line_discount.checked_add(l.cart_discount_share).unwrap()),
        tax_total: sum(&|l| {
            if l.price_includes_tax {
                Money::ZERO
            } else {
                l.tax
            }
        }),
        tax_included: sum(&|l| {
            if l.price_includes_tax {
                l.tax
            } else {
                Money::ZERO
            }
        }),
        total,
        paid_total: total,
        change_given: Money::ZERO,
        payments: vec![NewPayment {
            id: Uuid::now_v7(),
            method,
            amount: total,
            reference: (method == PaymentMethod::Card).then(|| "REF".to_owned()),
        }],
        lines,
        occurred_at: "2026-01-03T10:00:00Z".into(),
        business_date: "2026-01-03".into(),
        catalog_version: None,
        approval: None,
    }
}
