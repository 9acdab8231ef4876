//! The journal entry of a sale or refund: it balances by construction, and the schema's
//! deferred trigger proves it at commit.
//!
//! Debits: cash kept (cash paid less change) to Cash, card to Card clearing, store credit
//! spent to Store credit liability. Credits: the total less its tax to Sales revenue, the
//! tax (added and contained) to Sales tax payable. A refund has every amount negative, so
//! each side flips. Σ debits − Σ credits = (paid − change) − total = 0.

use deadpool_postgres::Transaction;
use pos_domain::Money;
use sync_protocol::{NewSale, PaymentMethod, SaleKind};
use tokio_postgres::types::ToSql;
use uuid::Uuid;

use super::Refusal;
use super::refusal::ApplyError;

const CASH: &str = "1000";
const CARD_CLEARING: &str = "1010";
const TAX_PAYABLE: &str = "2100";
const STORE_CREDIT: &str = "2200";
const REVENUE: &str = "4000";

/// Signed amounts per account code, debit positive.
pub(super) fn postings(sale: &NewSale) -> Result<Vec<(&'static str, i64)>, Refusal> {
    let by = |method: PaymentMethod| -> i64 {
        sale.payments
            .iter()
            .filter(|p| p.method == method)
            .map(|p| p.amount.minor())
            .sum()
    };
    let tax = sale.tax_total.minor() + sale.tax_included.minor();
    let revenue = sale.total.minor() - tax;
    let postings = vec![
        (CASH, by(PaymentMethod::Cash) - sale.change_given.minor()),
        (CARD_CLEARING, by(PaymentMethod::Card)),
        (STORE_CREDIT, by(PaymentMethod::StoreCredit)),
        (REVENUE, -revenue),
        (TAX_PAYABLE, -tax),
    ];
    let balance: i64 = postings.iter().map(|(_, amount)| amount).sum();
    if balance != 0 {
        return Err(Refusal::new(
            "unbalanced",
            format!(
                "the sale's journal would be off by {}",
                Money::from_minor(balance).unwrap_or(Money::ZERO)
            ),
        ));
    }
    Ok(postings)
}

/// Writes the entry for `sale` (one per sale: the schema keeps (source_type, source_id)
/// unique).
pub async fn post_sale(
    tx: &Transaction<'_>,
    organization_id: Uuid,
    sale: &NewSale,
    receipt_no: &str,
) -> Result<(), ApplyError> {
    let postings = postings(sale)?;
    let source_type = match sale.kind {
        SaleKind::Sale => "sale",
        SaleKind::Refund => "refund",
    };
    let (codes, debits, credits): (Vec<&str>, Vec<i64>, Vec<i64>) = postings
        .into_iter()
        .filter(|(_, amount)| *amount != 0)
        .map(|(code, amount)| (code, amount.max(0), (-amount).max(0)))
        .fold((vec![], vec![], vec![]), |mut acc, (c, d, k)| {
            acc.0.push(c);
            acc.1.push(d);
            acc.2.push(k);
            acc
        });
    // The entry's id is made here so that the entry and its lines go out together: one
    // round trip.
    let entry = Uuid::now_v7();
    let description = format!("{source_type} {receipt_no}");
    let (entry_sql, lines_sql) = tokio::try_join!(
        tx.prepare_cached(
            "INSERT INTO acct.journal_entries (id, organization_id, entry_date, description, \
               source_type, source_id) VALUES ($6, $1, $2::text::date, $3, $4, $5)"
        ),
        tx.prepare_cached(
            "INSERT INTO acct.journal_lines (journal_entry_id, account_id, debit, credit, memo) \
             SELECT $1, a.id, p.debit::numeric / 100, p.credit::numeric / 100, '' \
               FROM unnest($2::text[], $3::int8[], $4::int8[]) AS p (code, debit, credit) \
               JOIN acct.chart_of_accounts a ON a.organization_id = $5 AND a.code = p.code"
        ),
    )?;
    let entry_params: [&(dyn ToSql + Sync); 6] = [
        &organization_id,
        &sale.business_date,
        &description,
        &source_type,
        &sale.id,
        &entry,
    ];
    let lines_params: [&(dyn ToSql + Sync); 5] =
        [&entry, &codes, &debits, &credits, &organization_id];
    let (entry_written, written) = tokio::join!(
        tx.execute(&entry_sql, &entry_params),
        tx.execute(&lines_sql, &lines_params),
    );
    entry_written?;
    let written = written?;
    if written != codes.len() as u64 {
        return Err(Refusal::new(
            "chart_of_accounts",
            "HQ's chart of accounts lacks an account the journal needs (1000, 1010, 2100, 2200, 4000)",
        )
        .into());
    }
    Ok(())
}
