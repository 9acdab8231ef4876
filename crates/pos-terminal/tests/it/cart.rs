//! The cart is priced by the domain, exactly; bad line numbers and zero quantities are
//! refused without touching it.

use pos_domain::{LineInput, SaleTotals, price_sale};
use pos_terminal::{Cart, Discount, Item, Quantity, TerminalError};

use crate::support::{Demo, money, qty};

fn input(item: &Item, quantity: Quantity, discount: Option<Discount>) -> LineInput {
    LineInput {
        unit_price: item.row.price,
        quantity,
        tax_rate: item.tax_rate,
        price_includes_tax: item.row.price_includes_tax,
        discount,
    }
}

fn priced(lines: &[LineInput], cart_discount: Option<Discount>) -> SaleTotals {
    price_sale(lines, cart_discount).expect("priced by the domain")
}

#[test]
fn cart_changes_are_priced_exactly_as_the_domain_prices_them() {
    let demo = Demo::without_shift();
    let rice = demo.item("GRO-0001");
    let cola = demo.item("DRK-0105");
    let latte = demo.item("CAF-0293");
    assert!(!rice.row.price_includes_tax && latte.row.price_includes_tax);

    let mut cart = Cart::new();
    assert_eq!(cart.add(&rice, qty("1")).unwrap(), 1);
    // The same plain item again adds to its line.
    assert_eq!(cart.add(&rice, qty("2")).unwrap(), 1);
    assert_eq!(cart.lines.len(), 1);
    assert_eq!(cart.lines[0].quantity, qty("3"));
    // 3 x 3.49 = 10.47, + 8.875% tax (0.929...) = 0.93 → 11.40.
    let totals = cart.totals().unwrap();
    assert_eq!(totals.subtotal, money("10.47"));
    assert_eq!(totals.tax_total, money("0.93"));
    assert_eq!(totals.total, money("11.40"));
    assert_eq!(totals, priced(&[input(&rice, qty("3"), None)], None));

    assert_eq!(cart.add(&cola, qty("1")).unwrap(), 2);
    assert_eq!(cart.add(&latte, qty("2")).unwrap(), 3);
    cart.set_quantity(1, qty("2")).unwrap();
    assert_eq!(
        cart.totals().unwrap(),
        priced(
            &[
                input(&rice, qty("2"), None),
                input(&cola, qty("1"), None),
                input(&latte, qty("2"), None),
            ],
            None,
        )
    );

    let ten_percent = Discount::parse("10%").unwrap();
    let one_off = Discount::parse("1.00").unwrap();
    cart.set_line_discount(3, Some(ten_percent)).unwrap();
    cart.cart_discount = Some(one_off);
    let expected = priced(
        &[
            input(&rice, qty("2"), None),
            input(&cola, qty("1"), None),
            input(&latte, qty("2"), Some(ten_percent)),
        ],
        Some(one_off),
    );
    let totals = cart.totals().unwrap();
    assert_eq!(totals, expected);
    assert!(totals.lines[2].line_discount.is_positive());
    // Every discount is in the total: the line's own and the whole cart discount.
    assert_eq!(
        totals.discount_total,
        totals.lines[2]
            .line_discount
            .checked_add(money("1.00"))
            .unwrap()
    );

    // A discounted line stays apart: scanning the latte again starts a new line.
    assert_eq!(cart.add(&latte, qty("1")).unwrap(), 4);
    let removed = cart.remove_line(1).unwrap();
    assert_eq!(removed.item_id, rice.row.id);
    assert_eq!(cart.lines.len(), 3);
    assert_eq!(
        cart.totals().unwrap(),
        priced(
            &[
                input(&cola, qty("1"), None),
                input(&latte, qty("2"), Some(ten_percent)),
                input(&latte, qty("1"), None),
            ],
            Some(one_off),
        )
    );
}

#[test]
fn bad_line_numbers_and_zero_quantities_are_refused_and_change_nothing() {
    let demo = Demo::without_shift();
    let rice = demo.item("GRO-0001");
    let mut cart = demo.cart(&[("GRO-0001", "2")]);
    let before = cart.clone();

    for line_no in [0, 2, 99] {
        assert!(matches!(
            cart.set_quantity(line_no, qty("1")),
            Err(TerminalError::NoSuchLine(n)) if n == line_no
        ));
        assert!(matches!(
            cart.remove_line(line_no),
            Err(TerminalError::NoSuchLine(n)) if n == line_no
        ));
        assert!(matches!(
            cart.set_line_discount(line_no, None),
            Err(TerminalError::NoSuchLine(n)) if n == line_no
        ));
        assert!(matches!(
            cart.override_price(line_no, money("1.00")),
            Err(TerminalError::NoSuchLine(n)) if n == line_no
        ));
    }
    assert!(matches!(
        cart.add(&rice, Quantity::ZERO),
        Err(TerminalError::InvalidInput(_))
    ));
    assert!(matches!(
        cart.set_quantity(1, Quantity::ZERO),
        Err(TerminalError::InvalidInput(_))
    ));
    assert!(matches!(
        cart.override_price(1, money("-0.01")),
        Err(TerminalError::InvalidInput(_))
    ));
    assert_eq!(cart, before);

    // A line discount larger than the line is refused when priced, never capped.
    cart.set_line_discount(1, Some(Discount::parse("100.00").unwrap()))
        .unwrap();
    assert_eq!(cart.totals().unwrap_err().code(), "pricing");
}
