//! Worked examples of pricing, checked by hand.

use pos_domain::{
    Discount, LineInput, Money, PricingError, Quantity, TaxByRate, TaxRate, price_refund,
    price_sale,
};

fn m(s: &str) -> Money {
    Money::parse(s).unwrap()
}

fn line(price: &str, qty: &str, rate: &str, inclusive: bool, discount: Option<&str>) -> LineInput {
    LineInput {
        unit_price: m(price),
        quantity: Quantity::parse(qty).unwrap(),
        tax_rate: TaxRate::parse(rate).unwrap(),
        price_includes_tax: inclusive,
        discount: discount.map(|d| Discount::parse(d).unwrap()),
    }
}

fn discount(s: &str) -> Option<Discount> {
    Some(Discount::parse(s).unwrap())
}

#[test]
fn ten_dollars_at_8_875_percent_exclusive() {
    let sale = price_sale(&[line("10.00", "1", "8.875%", false, None)], None).unwrap();
    assert_eq!(sale.lines[0].tax, m("0.89"));
    assert_eq!(sale.tax_total, m("0.89"));
    assert_eq!(sale.tax_included, Money::ZERO);
    assert_eq!(sale.total, m("10.89"));
}

#[test]
fn ten_eighty_nine_at_8_875_percent_inclusive() {
    let sale = price_sale(&[line("10.89", "1", "8.875%", true, None)], None).unwrap();
    assert_eq!(sale.lines[0].tax, m("0.89"));
    assert!(sale.lines[0].tax_included);
    assert_eq!(sale.tax_total, Money::ZERO);
    assert_eq!(sale.tax_included, m("0.89"));
    assert_eq!(sale.total, m("10.89"));
    assert_eq!(
        sale.taxes_by_rate,
        vec![TaxByRate {
            rate: TaxRate::parse("8.875%").unwrap(),
            taxable: m("10.00"),
            tax: m("0.89"),
        }]
    );
}

#[test]
fn more_known_amounts_at_8_875_percent() {
    for (price, tax) in [
        ("4.00", "0.36"),
        ("0.99", "0.09"),
        ("19.99", "1.77"),
        ("0.05", "0.00"),
    ] {
        let sale = price_sale(&[line(price, "1", "8.875%", false, None)], None).unwrap();
        assert_eq!(sale.tax_total, m(tax), "tax on {price}");
    }
}

#[test]
fn cart_with_a_percent_line_discount_and_an_amount_cart_discount() {
    let lines = [
        line("5.00", "2", "8.875%", false, Some("10%")), // 10.00 − 1.00 = 9.00
        line("3.00", "1", "8.875%", false, None),        // 3.00
        line("4.00", "0.5", "20%", true, None),          // 2.00, tax inside
    ];
    let sale = price_sale(&lines, discount("1.40")).unwrap();
    let shares: Vec<_> = sale.lines.iter().map(|l| l.cart_discount_share).collect();
    assert_eq!(shares, vec![m("0.90"), m("0.30"), m("0.20")]);
    let taxes: Vec<_> = sale.lines.iter().map(|l| l.tax).collect();
    // 8.10 × 8.875% = 0.7189; 2.70 × 8.875% = 0.2396; 1.80 × 20/120 = 0.30
    assert_eq!(taxes, vec![m("0.72"), m("0.24"), m("0.30")]);
    let totals: Vec<_> = sale.lines.iter().map(|l| l.total).collect();
    assert_eq!(totals, vec![m("8.82"), m("2.94"), m("1.80")]);
    assert_eq!(sale.subtotal, m("15.00"));
    assert_eq!(sale.discount_total, m("2.40"));
    assert_eq!(sale.tax_total, m("0.96"));
    assert_eq!(sale.tax_included, m("0.30"));
    assert_eq!(sale.total, m("13.56"));
    let by_rate: Vec<_> = sale
        .taxes_by_rate
        .iter()
        .map(|t| (t.taxable, t.tax))
        .collect();
    assert_eq!(
        by_rate,
        vec![(m("10.80"), m("0.96")), (m("1.50"), m("0.30"))]
    );
}

#[test]
fn cart_percent_discount_is_rounded_once_then_shared_exactly() {
    let lines = [
        line("3.35", "1", "0%", false, None),
        line("3.35", "1", "0%", false, None),
        line("3.35", "1", "0%", false, None),
    ];
    // 10% of 10.05 = 1.005 → 1.01, shared 0.34 + 0.34 + 0.33.
    let sale = price_sale(&lines, discount("10%")).unwrap();
    let shares: Vec<_> = sale.lines.iter().map(|l| l.cart_discount_share).collect();
    assert_eq!(shares, vec![m("0.34"), m("0.34"), m("0.33")]);
    assert_eq!(sale.discount_total, m("1.01"));
    assert_eq!(sale.total, m("9.04"));
}

#[test]
fn a_tied_leftover_cent_does_not_depend_on_line_order() {
    let lines = [
        line("1.00", "1", "20%", false, None),
        line("1.00", "1", "5%", false, None),
    ];
    let reversed = [lines[1], lines[0]];
    let a = price_sale(&lines, discount("0.01")).unwrap();
    let b = price_sale(&reversed, discount("0.01")).unwrap();
    assert_eq!(a.tax_total, b.tax_total);
    assert_eq!(a.taxes_by_rate, b.taxes_by_rate);
    assert_eq!(a.total, b.total);
}

#[test]
fn refuses_discounts_larger_than_what_they_apply_to() {
    let lines = [line("2.00", "1", "0%", false, Some("0.50"))];
    assert_eq!(
        price_sale(&lines, discount("1.51")),
        Err(PricingError::CartDiscountExceedsCart {
            discount: m("1.51"),
            cart: m("1.50"),
        })
    );
    assert_eq!(
        price_sale(&lines, discount("1.51"))
            .unwrap_err()
            .to_string(),
        "cart discount 1.51 is larger than the cart amount 1.50"
    );
    assert_eq!(
        price_sale(&lines, discount("1.50")).unwrap().total,
        Money::ZERO
    );
    let too_much = [line("2.00", "1", "0%", false, Some("2.01"))];
    assert!(matches!(
        price_sale(&too_much, None),
        Err(PricingError::LineDiscountExceedsLine { line: 0, .. })
    ));
    assert!(price_sale(&[], discount("0.01")).is_err());
}

#[test]
fn empty_cart_is_zero() {
    let sale = price_sale(&[], discount("10%")).unwrap();
    assert_eq!(sale.total, Money::ZERO);
    assert!(sale.lines.is_empty() && sale.taxes_by_rate.is_empty());
}

#[test]
fn refund_is_the_exact_negation() {
    let lines = [
        line("5.00", "2", "8.875%", false, Some("10%")),
        line("4.00", "0.5", "20%", true, None),
    ];
    let sale = price_sale(&lines, discount("5%")).unwrap();
    let refund = price_refund(&lines, discount("5%")).unwrap();
    assert_eq!(refund, sale.negated());
    assert_eq!(refund.total, -sale.total);
    assert!(refund.total.is_negative());
}
