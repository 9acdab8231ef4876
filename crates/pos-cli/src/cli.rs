//! The `pos` command line.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "pos",
    version,
    about = "Tally terminal, headless: sell, refund, shifts, stock"
)]
pub struct Cli {
    /// The terminal's data folder (default: the OS data folder's `tally`).
    #[arg(long, env = "POS_DATA_DIR", global = true)]
    pub data_dir: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create the terminal's store; --demo loads a demo catalog, a cashier and a manager.
    Init {
        #[arg(long)]
        demo: bool,
        #[arg(long)]
        json: bool,
    },
    /// Ring up and complete one sale.
    Sale(SaleArgs),
    /// Refund (part of) an earlier sale, with a manager's PIN.
    Refund(RefundArgs),
    /// Open, report on and close the shift.
    #[command(subcommand)]
    Shift(ShiftCommand),
    /// Stock at this location; `receive` and `adjust` change it.
    Stock(StockArgs),
    /// The catalog.
    #[command(subcommand)]
    Items(ItemsCommand),
    /// The receipt printer: `set` where it is, `show` it with its queue, `retry` the queue.
    #[command(subcommand)]
    Printer(PrinterCommand),
    /// Receipts: `print` one again, or `show` it (text or HTML).
    #[command(subcommand)]
    Receipt(ReceiptCommand),
    /// The cash drawer: `open` it without a sale (a manager's PIN).
    #[command(subcommand)]
    Drawer(DrawerCommand),
    /// Queue length, dead letters and last sync.
    Status {
        #[arg(long)]
        json: bool,
    },
    /// Pair this (empty) data folder with HQ, using the code `hq terminal add` printed.
    Pair {
        /// HQ's address, e.g. https://hq.example.com
        #[arg(long)]
        hq: String,
        #[arg(long)]
        code: String,
        #[arg(long)]
        json: bool,
    },
    /// Give this terminal a new token with the one-time code `hq terminal rekey` printed
    /// (after its keyring was wiped, or it was revoked): same terminal, same queue.
    Rekey {
        /// HQ's address, the one the terminal is paired with.
        #[arg(long)]
        hq: String,
        #[arg(long)]
        code: String,
        #[arg(long)]
        json: bool,
    },
    /// Stop syncing with HQ; refused while records still wait to be pushed.
    Unpair,
    /// Run one sync round (push the queue, pull catalog and stock); fails if HQ is away.
    Sync {
        #[arg(long)]
        json: bool,
    },
    /// Check every local invariant and the sales journal (its hash chain, each link
    /// against its record; the first broken link is named); exit 0 only if all hold.
    Verify {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Args)]
pub struct SaleArgs {
    /// The cashier's PIN.
    #[arg(long)]
    pub cashier: String,
    /// A line: barcode or SKU, optionally `*QUANTITY` (e.g. 4006381333931*2).
    #[arg(long = "line", required = true)]
    pub lines: Vec<String>,
    /// A discount on the whole sale: `10%` or an amount like `2.50`.
    #[arg(long)]
    pub discount: Option<String>,
    /// A payment: `cash:20.00`, `card:10.89:APPROVAL-REF` or `credit:5.00` (store credit).
    #[arg(long = "pay", required = true)]
    pub payments: Vec<String>,
    /// The customer's id (for store credit).
    #[arg(long)]
    pub customer: Option<String>,
    /// A manager's PIN, for a discount above the cashier's limit.
    #[arg(long)]
    pub manager: Option<String>,
    /// Open a shift (with a zero float) when none is open.
    #[arg(long)]
    pub auto_shift: bool,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct RefundArgs {
    /// The approving manager's PIN.
    #[arg(long)]
    pub manager: String,
    /// The cashier doing the refund (default: the manager).
    #[arg(long)]
    pub cashier: Option<String>,
    /// The receipt number of the sale, e.g. T01-000123.
    #[arg(long)]
    pub receipt: String,
    /// What comes back: barcode or SKU `*QUANTITY`; none means everything not yet refunded.
    #[arg(long = "line")]
    pub lines: Vec<String>,
    /// Put the money on the customer's store credit instead of the original tenders.
    #[arg(long)]
    pub to_store_credit: bool,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum ShiftCommand {
    /// Open a shift with a float.
    Open {
        #[arg(long)]
        pin: String,
        #[arg(long, default_value = "0")]
        float: String,
        #[arg(long)]
        json: bool,
    },
    /// Close the shift with the counted cash; prints the Z report.
    Close(CloseArgs),
    /// The X report: the open shift so far.
    X {
        #[arg(long)]
        json: bool,
    },
    /// Same as `close`: close with the count and print the Z report.
    Z(CloseArgs),
}

#[derive(Debug, Args)]
pub struct CloseArgs {
    #[arg(long)]
    pub pin: String,
    /// The cash counted in the drawer.
    #[arg(long)]
    pub counted: String,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct StockArgs {
    #[command(subcommand)]
    pub change: Option<StockCommand>,
    /// Only items at or below their reorder level.
    #[arg(long)]
    pub low: bool,
    /// Only items whose name, SKU or barcode matches.
    #[arg(long)]
    pub search: Option<String>,
    #[arg(long, default_value_t = 200)]
    pub limit: usize,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum StockCommand {
    /// Goods received: `--line CODE*QTY`.
    Receive(StockChangeArgs),
    /// A correction: `--line CODE*-QTY` or `CODE*QTY`.
    Adjust(StockChangeArgs),
}

#[derive(Debug, Args)]
pub struct StockChangeArgs {
    #[arg(long)]
    pub manager: String,
    #[arg(long)]
    pub line: String,
    #[arg(long)]
    pub reason: String,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum ItemsCommand {
    /// Find items by name (prefix of every word), or by exact barcode or SKU.
    Search {
        text: String,
        #[arg(long, default_value_t = 20)]
        limit: usize,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum PrinterCommand {
    /// Where receipts print: `tcp://HOST:PORT`, `file:///dev/usb/lp0` or `none`.
    Set {
        address: String,
        /// Paper width in mm: 58 or 80 (default: unchanged).
        #[arg(long)]
        paper: Option<u8>,
        /// The name at the top of receipts (default: unchanged).
        #[arg(long)]
        store_name: Option<String>,
        /// An address line under it; repeat for more (replaces the address).
        #[arg(long = "address-line")]
        address_lines: Vec<String>,
        /// The tax registration number printed in the header.
        #[arg(long)]
        tax_id: Option<String>,
        /// A line at the bottom of receipts; repeat for more (replaces the footer).
        #[arg(long = "footer")]
        footer: Vec<String>,
        #[arg(long)]
        json: bool,
    },
    /// The printer, the receipt's header and footer, and the queue.
    Show {
        #[arg(long)]
        json: bool,
    },
    /// Send the receipts still waiting; exit 1 if the printer refuses them.
    Retry {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum ReceiptCommand {
    /// Print a sale's or refund's receipt again.
    Print {
        /// The receipt number, e.g. T01-000123.
        #[arg(long)]
        receipt: String,
    },
    /// Show a receipt as the printer lays it out (text), or as an HTML page (`--html`).
    Show {
        #[arg(long)]
        receipt: String,
        #[arg(long)]
        html: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum DrawerCommand {
    /// Open the cash drawer through the printer without a sale; written to the audit log.
    Open {
        /// The approving manager's PIN.
        #[arg(long)]
        manager: String,
        /// Why (e.g. "change for the float").
        #[arg(long, default_value = "no sale")]
        reason: String,
    },
}
