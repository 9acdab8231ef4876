//! The UI's TypeScript types are generated from these Rust types (ts-rs), never written
//! twice. This test renders them and compares with `ui/src/lib/bindings.ts`; run it with
//! `UPDATE_BINDINGS=1` to rewrite the file after changing a type.

use std::path::PathBuf;

use ts_rs::{Config, TS};

use crate::commands::app::AppInfo;
use crate::commands::back_office::{RefundLineInput, StockChangeKind};
use crate::error::CommandError;
use crate::state::SetupState;

fn declaration<T: TS + ?Sized>(cfg: &Config) -> String {
    format!("export {}\n", T::decl(cfg))
}

fn render() -> String {
    // JSON numbers from serde_json: counts and sequence numbers fit in a JS number.
    let cfg = Config::new().with_large_int("number");
    let mut out = String::from(
        "// Generated from the Rust types by src-tauri/src/bindings.rs: do not edit.\n\
         // After changing a type: UPDATE_BINDINGS=1 cargo test -p pos-app bindings\n\n",
    );
    macro_rules! declare {
        ($($ty:ty),* $(,)?) => { $( out.push_str(&declaration::<$ty>(&cfg)); )* };
    }
    use pos_terminal::*;
    declare!(
        AppInfo,
        CommandError,
        SetupState,
        RefundLineInput,
        StockChangeKind,
        Money,
        Quantity,
        TaxRate,
        Discount,
        TenderMethod,
        Tender,
        LineTotals,
        TaxByRate,
        SaleTotals,
        SaleKind,
        PaymentMethod,
        Role,
        Staff,
        StaffCard,
        DemoStaff,
        ItemRow,
        Item,
        CustomerRecord,
        CartLine,
        SaleView,
        PaymentResult,
        ReceiptLine,
        ReceiptPayment,
        Receipt,
        ParkedSale,
        RefundTo,
        RefundableLine,
        RefundableSale,
        ShiftRecord,
        ShiftSummary,
        DenominationCount,
        CashCount,
        StockLine,
        HourSales,
        DayReport,
        DeadLetter,
        DayConfirmation,
        Status,
        PrinterSetup,
        PrinterStatus,
    );
    out
}

#[test]
fn bindings_match_the_rust_types() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("ui/src/lib/bindings.ts");
    let fresh = render();
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::write(&path, &fresh).expect("write ui/src/lib/bindings.ts");
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "ui/src/lib/bindings.ts is out of date: run UPDATE_BINDINGS=1 cargo test -p pos-app bindings"
    );
}
