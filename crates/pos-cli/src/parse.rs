//! Turning command-line words into domain values, with errors that say what was wrong.

use anyhow::{Context, anyhow, bail};
use pos_terminal::{Discount, Money, Quantity, Tender, TenderMethod};

/// `CODE` or `CODE*QTY`.
pub fn line(raw: &str) -> anyhow::Result<(String, Quantity)> {
    let (code, quantity) = match raw.rsplit_once('*') {
        Some((code, qty)) => (
            code,
            Quantity::parse(qty.trim()).with_context(|| format!("in line \"{raw}\""))?,
        ),
        None => (raw, Quantity::ONE),
    };
    let code = code.trim();
    if code.is_empty() {
        bail!("line \"{raw}\" names no barcode or SKU");
    }
    if quantity.is_zero() {
        bail!("line \"{raw}\" has a zero quantity");
    }
    Ok((code.to_owned(), quantity))
}

/// `CODE*QTY` where QTY may be negative: signed thousandths.
pub fn signed_line(raw: &str) -> anyhow::Result<(String, i64)> {
    let (code, qty) = raw
        .rsplit_once('*')
        .ok_or_else(|| anyhow!("\"{raw}\" needs a quantity: CODE*QTY (or CODE*-QTY)"))?;
    match pos_terminal::StockChange::adjustment(qty).with_context(|| format!("in \"{raw}\""))? {
        pos_terminal::StockChange::Adjust(milli) => Ok((code.trim().to_owned(), milli)),
        pos_terminal::StockChange::Receive(_) => bail!("\"{raw}\" is not an adjustment"),
    }
}

pub fn money(raw: &str, what: &str) -> anyhow::Result<Money> {
    Money::parse(raw.trim()).with_context(|| format!("{what} \"{raw}\" is not an amount"))
}

pub fn discount(raw: &str) -> anyhow::Result<Discount> {
    Discount::parse(raw.trim()).with_context(|| format!("discount \"{raw}\""))
}

/// `cash:20.00`, `card:10.89:REF`, `credit:5.00`.
pub fn tender(raw: &str) -> anyhow::Result<Tender> {
    let mut parts = raw.splitn(3, ':');
    let method = parts.next().unwrap_or_default().trim().to_ascii_lowercase();
    let amount = money(
        parts
            .next()
            .ok_or_else(|| anyhow!("payment \"{raw}\" needs an amount: METHOD:AMOUNT"))?,
        "payment",
    )?;
    let reference = parts.next();
    let method = match (method.as_str(), reference) {
        ("cash", None) => TenderMethod::Cash,
        ("card", Some(reference)) => TenderMethod::Card {
            reference: reference.trim().to_owned(),
        },
        ("card", None) => bail!(
            "card payment \"{raw}\" needs the card terminal's approval reference: card:AMOUNT:REF"
        ),
        ("credit" | "store_credit" | "store-credit", None) => TenderMethod::StoreCredit,
        _ => bail!("payment \"{raw}\": the method is cash, card or credit"),
    };
    Tender::new(method, amount).with_context(|| format!("payment \"{raw}\""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_take_an_optional_quantity() {
        assert_eq!(line("ABC").unwrap(), ("ABC".to_owned(), Quantity::ONE));
        assert_eq!(line("ABC*2.5").unwrap().1.milli(), 2_500);
        assert!(line("*2").is_err());
        assert!(line("ABC*0").is_err());
        assert!(line("ABC*x").is_err());
    }

    #[test]
    fn tenders_name_their_method() {
        assert!(matches!(
            tender("cash:20").unwrap().method(),
            TenderMethod::Cash
        ));
        assert!(matches!(
            tender("card:10.89:AUTH1").unwrap().method(),
            TenderMethod::Card { .. }
        ));
        assert!(tender("card:10.89").is_err());
        assert!(tender("bitcoin:1").is_err());
        assert!(tender("cash").is_err());
        assert!(tender("cash:-1").is_err());
    }

    #[test]
    fn signed_lines_allow_a_minus() {
        assert_eq!(signed_line("A*-2").unwrap().1, -2_000);
        assert_eq!(signed_line("A*3").unwrap().1, 3_000);
        assert!(signed_line("A").is_err());
    }
}
