//! Properties that must hold for every cart, not just the worked examples.

use pos_domain::{
    Discount, LineInput, LineTotals, Money, Quantity, RefundedSoFar, SaleTotals, TaxRate, Tender,
    TenderError, price_refund, price_sale, refund_share, settle_with_credit_balance,
};
use proptest::prelude::*;

fn money(minor: i64) -> Money {
    Money::from_minor(minor).unwrap()
}

/// A valid line: price up to 1000.00, quantity up to 1000, rate up to 25%, and maybe a
/// discount that is at most the line's gross (an amount is a per-mille of the gross).
fn line() -> impl Strategy<Value = LineInput> {
    (
        0i64..=100_000,
        1i64..=1_000_000,
        0u32..=250_000,
        any::<bool>(),
        prop::option::of((any::<bool>(), 0u32..=10_000)),
    )
        .prop_map(|(price, milli, ppm, inclusive, discount)| {
            let gross = pos_domain::round_half_up(
                i128::from(price) * i128::from(milli),
                std::num::NonZeroU64::new(1_000).unwrap(),
            );
            let discount = discount.map(|(percent, value)| {
                if percent {
                    Discount::percent_bp(value).unwrap()
                } else {
                    let amount = gross * i128::from(value) / 10_000;
                    Discount::amount_off(money(amount as i64)).unwrap()
                }
            });
            LineInput {
                unit_price: money(price),
                quantity: Quantity::from_milli(milli).unwrap(),
                tax_rate: TaxRate::from_ppm(ppm).unwrap(),
                price_includes_tax: inclusive,
                discount,
            }
        })
}

/// How the cart discount is chosen: a percentage, or a per-ten-thousand of the cart.
type CartChoice = Option<(bool, u32)>;

fn cart() -> impl Strategy<Value = (Vec<LineInput>, CartChoice)> {
    (
        prop::collection::vec(line(), 1..=20),
        prop::option::of((any::<bool>(), 0u32..=10_000)),
    )
}

/// Turns a choice into a valid cart discount, and returns the amount it must take off.
fn cart_discount(lines: &[LineInput], choice: CartChoice) -> (Option<Discount>, Money) {
    let undiscounted = price_sale(lines, None).unwrap();
    let base = i128::from(undiscounted.subtotal.minor() - undiscounted.discount_total.minor());
    match choice {
        None => (None, Money::ZERO),
        Some((true, bp)) => {
            let off = pos_domain::round_half_up(
                base * i128::from(bp),
                std::num::NonZeroU64::new(10_000).unwrap(),
            );
            (Some(Discount::percent_bp(bp).unwrap()), money(off as i64))
        }
        Some((false, part)) => {
            let off = money((base * i128::from(part) / 10_000) as i64);
            (Some(Discount::amount_off(off).unwrap()), off)
        }
    }
}

fn minor_sum(lines: &[LineTotals], pick: fn(&LineTotals) -> Money) -> i64 {
    lines.iter().map(|l| pick(l).minor()).sum()
}

fn summary(s: &SaleTotals) -> impl PartialEq + std::fmt::Debug {
    (
        s.subtotal,
        s.discount_total,
        s.tax_total,
        s.tax_included,
        s.total,
        s.taxes_by_rate.clone(),
    )
}

proptest! {
    /// (a) the identity HQ checks holds exactly, and the lines add up to the sale.
    #[test]
    fn totals_add_up((lines, choice) in cart()) {
        let (discount, _) = cart_discount(&lines, choice);
        let sale = price_sale(&lines, discount).unwrap();
        prop_assert_eq!(
            sale.subtotal.minor() - sale.discount_total.minor() + sale.tax_total.minor(),
            sale.total.minor()
        );
        prop_assert_eq!(minor_sum(&sale.lines, |l| l.total), sale.total.minor());
        prop_assert_eq!(minor_sum(&sale.lines, |l| l.gross), sale.subtotal.minor());
        let discounts = minor_sum(&sale.lines, |l| l.line_discount)
            + minor_sum(&sale.lines, |l| l.cart_discount_share);
        prop_assert_eq!(discounts, sale.discount_total.minor());
        let exclusive = minor_sum(&sale.lines, |l| if l.tax_included { Money::ZERO } else { l.tax });
        let inclusive = minor_sum(&sale.lines, |l| if l.tax_included { l.tax } else { Money::ZERO });
        prop_assert_eq!(exclusive, sale.tax_total.minor());
        prop_assert_eq!(inclusive, sale.tax_included.minor());
        let by_rate: i64 = sale.taxes_by_rate.iter().map(|t| t.tax.minor()).sum();
        prop_assert_eq!(by_rate, exclusive + inclusive);
        for l in &sale.lines {
            let own = l.gross.minor() - l.line_discount.minor() - l.cart_discount_share.minor()
                + if l.tax_included { 0 } else { l.tax.minor() };
            prop_assert_eq!(own, l.total.minor());
        }
    }

    /// (b) the cart discount's shares add up to exactly the cart discount.
    #[test]
    fn cart_discount_shares_sum_exactly((lines, choice) in cart()) {
        let (discount, expected) = cart_discount(&lines, choice);
        let sale = price_sale(&lines, discount).unwrap();
        prop_assert_eq!(minor_sum(&sale.lines, |l| l.cart_discount_share), expected.minor());
    }

    /// (c) nothing in a sale is negative.
    #[test]
    fn no_negative_amounts_in_a_sale((lines, choice) in cart()) {
        let (discount, _) = cart_discount(&lines, choice);
        let sale = price_sale(&lines, discount).unwrap();
        for l in &sale.lines {
            for amount in [l.gross, l.line_discount, l.cart_discount_share, l.tax, l.total] {
                prop_assert!(!amount.is_negative(), "{:?}", l);
            }
            prop_assert!(l.net().unwrap().minor() >= 0);
        }
        for amount in [sale.subtotal, sale.discount_total, sale.tax_total, sale.tax_included, sale.total] {
            prop_assert!(!amount.is_negative());
        }
        for t in &sale.taxes_by_rate {
            prop_assert!(!t.taxable.is_negative() && !t.tax.is_negative());
        }
    }

    /// (d) the order lines were rung up in does not change the totals.
    #[test]
    fn totals_do_not_depend_on_line_order(
        (lines, shuffled, choice) in cart().prop_flat_map(|(lines, choice)| {
            (Just(lines.clone()), Just(lines).prop_shuffle(), Just(choice))
        })
    ) {
        let (discount, _) = cart_discount(&lines, choice);
        let sale = price_sale(&lines, discount).unwrap();
        let reversed: Vec<_> = lines.iter().rev().copied().collect();
        let backwards = price_sale(&reversed, discount).unwrap();
        let mixed = price_sale(&shuffled, discount).unwrap();
        prop_assert_eq!(summary(&sale), summary(&backwards));
        prop_assert_eq!(summary(&sale), summary(&mixed));
    }

    /// (e) settling: paid − change = total, change only from cash; short payments say
    /// exactly how much is due.
    #[test]
    fn settlement_balances(
        total in 0i64..=10_000_000,
        card_part in 0u32..=10_000,
        credit_part in 0u32..=10_000,
        cash_delta in -10_000i64..=1_000_000,
        balance in 0i64..=10_000_000,
    ) {
        let card = total * i64::from(card_part) / 10_000;
        let credit = (total - card) * i64::from(credit_part) / 10_000;
        let cash = (total - card - credit + cash_delta).max(0);
        let mut tenders = Vec::new();
        if card > 0 { tenders.push(Tender::card("REF", money(card)).unwrap()); }
        if credit > 0 { tenders.push(Tender::store_credit(money(credit)).unwrap()); }
        if cash > 0 { tenders.push(Tender::cash(money(cash)).unwrap()); }
        let result = settle_with_credit_balance(money(total), &tenders, money(balance));
        let paid = card + credit + cash;
        if credit > balance {
            prop_assert!(
                matches!(result, Err(TenderError::StoreCreditExceedsBalance { .. })),
                "{:?}", result
            );
        } else if paid < total {
            prop_assert_eq!(result, Err(TenderError::Insufficient { due: money(total - paid) }));
        } else {
            let s = result.unwrap();
            prop_assert_eq!(s.paid.minor() - s.change.minor(), total);
            prop_assert!(s.change.minor() <= cash && s.change.minor() >= 0);
        }
    }

    /// (f) refunding the whole sale is exactly the negation of the sale.
    #[test]
    fn whole_refund_is_exact_negation((lines, choice) in cart()) {
        let (discount, _) = cart_discount(&lines, choice);
        let sale = price_sale(&lines, discount).unwrap();
        let refund = price_refund(&lines, discount).unwrap();
        prop_assert_eq!(refund.total.minor(), -sale.total.minor());
        prop_assert_eq!(refund.tax_total.minor(), -sale.tax_total.minor());
        prop_assert_eq!(refund.tax_included.minor(), -sale.tax_included.minor());
        prop_assert_eq!(refund.discount_total.minor(), -sale.discount_total.minor());
        for (r, s) in refund.lines.iter().zip(&sale.lines) {
            prop_assert_eq!(r.total.minor(), -s.total.minor());
            prop_assert_eq!(r.tax.minor(), -s.tax.minor());
            prop_assert_eq!(r.gross.minor(), -s.gross.minor());
        }
        prop_assert_eq!(refund.negated(), sale);
    }

    /// (g) partial refunds that complete the quantity add up exactly to the line, and
    /// never return more than it along the way.
    #[test]
    fn partial_refunds_add_up_to_the_line(
        (lines, choice) in cart(),
        cuts in prop::collection::vec(1u32..=1_000, 1..=6),
    ) {
        let (discount, _) = cart_discount(&lines, choice);
        let sale = price_sale(&lines, discount).unwrap();
        for (input, sold) in lines.iter().zip(&sale.lines) {
            let n = input.quantity.milli();
            // Split n into up to cuts.len() positive pieces, proportional to `cuts`.
            let weight: i64 = cuts.iter().map(|&c| i64::from(c)).sum();
            let mut pieces: Vec<i64> = cuts.iter().map(|&c| n * i64::from(c) / weight).collect();
            let spare = n - pieces.iter().sum::<i64>();
            if let Some(last) = pieces.last_mut() { *last += spare; }
            let mut so_far = RefundedSoFar::default();
            let mut returned = 0i64;
            for piece in pieces.into_iter().filter(|&p| p > 0) {
                let qty = Quantity::from_milli(piece).unwrap();
                let share = refund_share(sold, input.quantity, qty, &so_far).unwrap();
                for amount in [share.gross, share.line_discount, share.cart_discount_share, share.tax, share.total] {
                    prop_assert!(!amount.is_negative(), "{:?}", share);
                }
                so_far.record(qty, &share).unwrap();
                returned += share.total.minor();
                prop_assert!(returned <= sold.total.minor());
            }
            prop_assert_eq!(so_far.quantity, input.quantity);
            prop_assert_eq!(so_far.gross, sold.gross);
            prop_assert_eq!(so_far.line_discount, sold.line_discount);
            prop_assert_eq!(so_far.cart_discount_share, sold.cart_discount_share);
            prop_assert_eq!(so_far.tax, sold.tax);
            prop_assert_eq!(returned, sold.total.minor());
        }
    }
}
