//! One function per `pos` command: parse, call the terminal core, print.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Context, anyhow};
use pos_terminal::{Cart, RefundRequest, RefundTo, StockChange, Terminal, TerminalError};
use serde::Serialize;

use crate::cli::{
    Cli, CloseArgs, Command, ItemsCommand, RefundArgs, SaleArgs, ShiftCommand, StockArgs,
    StockCommand,
};
use crate::plain::plain_lines;
use crate::{Refused, parse, print, printing};

pub type Outcome = anyhow::Result<Result<(), Refused>>;

fn data_dir(cli: &Cli) -> anyhow::Result<PathBuf> {
    match &cli.data_dir {
        Some(dir) => Ok(dir.clone()),
        None => dirs::data_dir()
            .map(|dir| dir.join("tally"))
            .ok_or_else(|| anyhow!("no data folder: pass --data-dir or set POS_DATA_DIR")),
    }
}

fn open(dir: &std::path::Path) -> anyhow::Result<Terminal> {
    Terminal::open(dir).map_err(|error| match error {
        TerminalError::NotInitialized => anyhow!(
            "there is no terminal in {}: run `pos init` (or `pos init --demo`) first",
            dir.display()
        ),
        other => anyhow::Error::new(other)
            .context(format!("cannot open the terminal in {}", dir.display())),
    })
}

/// Prints `value` as JSON or as text. A reader that went away (a closed pipe) is not an
/// error: by then a sale is committed, and reporting failure would invite ringing it again.
/// Text passes [`plain_lines`] on its way out, so no control character reaches a person's
/// terminal even from a field a renderer missed; JSON is printed exact.
pub fn emit<T: Serialize>(
    json: bool,
    value: &T,
    text: impl FnOnce(&T) -> String,
) -> anyhow::Result<()> {
    let rendered = if json {
        format!("{}\n", serde_json::to_string_pretty(value)?)
    } else {
        plain_lines(&text(value)).into_owned()
    };
    let mut out = std::io::stdout().lock();
    match out
        .write_all(rendered.as_bytes())
        .and_then(|()| out.flush())
    {
        Err(error) if error.kind() != std::io::ErrorKind::BrokenPipe => Err(error.into()),
        _ => Ok(()),
    }
}

pub fn run(cli: Cli) -> Outcome {
    let dir = data_dir(&cli)?;
    match cli.command {
        Command::Init { demo, json } => {
            let (_, report) = Terminal::init(&dir, demo)?;
            emit(json, &report, print::init)?;
        }
        Command::Sale(args) => sale(&mut open(&dir)?, args)?,
        Command::Refund(args) => refund(&mut open(&dir)?, args)?,
        Command::Shift(command) => shift(&mut open(&dir)?, command)?,
        Command::Stock(args) => stock(&mut open(&dir)?, args)?,
        Command::Printer(command) => return printing::printer(&mut open(&dir)?, command),
        Command::Receipt(command) => return printing::receipt(&mut open(&dir)?, command),
        Command::Drawer(command) => printing::drawer(&mut open(&dir)?, command)?,
        Command::Items(ItemsCommand::Search { text, limit, json }) => {
            let terminal = open(&dir)?;
            let mut items = match terminal.item_by_code(&text) {
                Ok(item) => vec![item],
                Err(TerminalError::UnknownItem(_)) => Vec::new(),
                Err(other) => return Err(other.into()),
            };
            if items.is_empty() {
                items = terminal.search_items(&text, limit)?;
            }
            let rows: Vec<print::ItemLine> = items.iter().map(print::ItemLine::from).collect();
            emit(json, &rows, |rows| print::items(rows))?;
        }
        Command::Pair { hq, code, json } => {
            let rt = runtime()?;
            let report = rt.block_on(pos_sync::pair(&dir, &hq, &code))?;
            // The catalog comes with the first round; when it fails the terminal stays
            // paired and the next `pos sync` fills it.
            let round = rt
                .block_on(pos_sync::sync_data_dir_with(&dir, &mut progress_line))
                .context("paired with HQ, but the first sync failed; run `pos sync` again")?;
            clear_progress();
            let mut value = serde_json::to_value(&report)?;
            value["first_sync"] = serde_json::to_value(&round)?;
            emit(json, &value, |_| print::paired(&report, &round))?;
        }
        Command::Rekey { hq, code, json } => {
            let rt = runtime()?;
            let report = rt.block_on(pos_sync::rekey(&dir, &hq, &code))?;
            // What waited is pushed now; when the round fails the new token stays and the
            // next `pos sync` pushes it.
            let round = rt
                .block_on(pos_sync::sync_data_dir_with(&dir, &mut progress_line))
                .context("re-keyed, but the sync that followed failed; run `pos sync` again")?;
            clear_progress();
            let mut value = serde_json::to_value(&report)?;
            value["first_sync"] = serde_json::to_value(&round)?;
            emit(json, &value, |_| print::rekeyed(&report, &round))?;
        }
        Command::Unpair => {
            let id = runtime()?.block_on(pos_sync::unpair(&dir))?;
            println!(
                "Terminal {id} no longer syncs with HQ (revoke it there with `hq terminal revoke`)."
            );
        }
        Command::Sync { json } => {
            let round = runtime()?.block_on(pos_sync::sync_data_dir_with(&dir, &mut progress_line));
            clear_progress();
            let round = round?;
            emit(json, &round, print::synced)?;
        }
        Command::Status { json } => {
            let status = open(&dir)?.status()?;
            // Where the token is kept decides whether it outlives a reboot.
            let store = pos_sync::token::token_store();
            let mut value = serde_json::to_value(&status)?;
            value["token_store"] = serde_json::to_value(store)?;
            emit(json, &value, |_| print::status(&status, store))?;
        }
        Command::Verify { json } => {
            let violations = open(&dir)?.verify()?;
            let report =
                serde_json::json!({ "ok": violations.is_empty(), "violations": violations });
            emit(json, &report, |_| print::violations(&violations))?;
            if !violations.is_empty() {
                return Ok(Err(Refused));
            }
        }
    }
    Ok(Ok(()))
}

fn sale(terminal: &mut Terminal, args: SaleArgs) -> anyhow::Result<()> {
    let cashier = terminal.sign_in(&args.cashier).context("cashier")?;
    let manager = args
        .manager
        .as_deref()
        .map(|pin| terminal.manager_approval(pin, "sale"))
        .transpose()
        .context("manager")?;
    let mut cart = Cart::new();
    for raw in &args.lines {
        let (code, quantity) = parse::line(raw)?;
        let item = terminal.item_by_code(&code)?;
        cart.add(&item, quantity)?;
    }
    cart.cart_discount = args.discount.as_deref().map(parse::discount).transpose()?;
    cart.customer_id = args
        .customer
        .as_deref()
        .map(|id| {
            id.trim()
                .parse()
                .with_context(|| format!("customer \"{id}\" is not an id"))
        })
        .transpose()?;
    let tenders = args
        .payments
        .iter()
        .map(|raw| parse::tender(raw))
        .collect::<anyhow::Result<Vec<_>>>()?;
    if args.auto_shift && terminal.current_shift()?.is_none() {
        terminal.open_shift(&cashier, pos_terminal::Money::ZERO)?;
    }
    let receipt = terminal.complete_sale(&cashier, &cart, &tenders, manager.as_ref())?;
    emit(args.json, &receipt, print::receipt)?;
    printing::after_commit(terminal);
    Ok(())
}

fn refund(terminal: &mut Terminal, args: RefundArgs) -> anyhow::Result<()> {
    let manager = terminal
        .manager_approval(&args.manager, "refund")
        .context("manager")?;
    let cashier = match args.cashier.as_deref() {
        Some(pin) => terminal.sign_in(pin).context("cashier")?,
        None => manager.clone(),
    };
    let lines = args
        .lines
        .iter()
        .map(|raw| parse::line(raw))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let request = RefundRequest {
        receipt_no: args.receipt,
        lines,
        to: if args.to_store_credit {
            RefundTo::StoreCredit
        } else {
            RefundTo::OriginalTender
        },
    };
    let receipt = terminal.refund(&cashier, &manager, &request)?;
    emit(args.json, &receipt, print::receipt)?;
    printing::after_commit(terminal);
    Ok(())
}

fn shift(terminal: &mut Terminal, command: ShiftCommand) -> anyhow::Result<()> {
    match command {
        ShiftCommand::Open { pin, float, json } => {
            let staff = terminal.sign_in(&pin)?;
            let shift = terminal.open_shift(&staff, parse::money(&float, "float")?)?;
            emit(json, &shift, |s| {
                format!(
                    "Shift opened at {} with a float of {}.\n",
                    s.opened_at, s.opening_float
                )
            })
        }
        ShiftCommand::X { json } => {
            let report = terminal.x_report()?;
            emit(json, &report, |r| print::shift_report("X report", r))
        }
        ShiftCommand::Close(args) | ShiftCommand::Z(args) => close(terminal, args),
    }
}

fn close(terminal: &mut Terminal, args: CloseArgs) -> anyhow::Result<()> {
    let staff = terminal.sign_in(&args.pin)?;
    let report = terminal.close_shift(&staff, parse::money(&args.counted, "counted cash")?)?;
    emit(args.json, &report, |r| print::shift_report("Z report", r))?;
    printing::after_commit(terminal);
    Ok(())
}

fn stock(terminal: &mut Terminal, args: StockArgs) -> anyhow::Result<()> {
    let Some(command) = args.change else {
        let rows = terminal.stock(args.search.as_deref(), args.low, args.limit)?;
        return emit(args.json, &rows, |rows| print::stock(rows));
    };
    let (change_args, receive) = match command {
        StockCommand::Receive(a) => (a, true),
        StockCommand::Adjust(a) => (a, false),
    };
    let manager = terminal
        .manager_approval(&change_args.manager, "stock change")
        .context("manager")?;
    let (code, change) = if receive {
        let (code, quantity) = parse::line(&change_args.line)?;
        (code, StockChange::Receive(quantity))
    } else {
        let (code, milli) = parse::signed_line(&change_args.line)?;
        (code, StockChange::Adjust(milli))
    };
    let row = terminal.change_stock(&manager, &code, change, &change_args.reason)?;
    emit(change_args.json, &row, |row| {
        print::stock(std::slice::from_ref(row))
    })
}

/// A progress line on stderr while a round runs, for a person watching (not for scripts:
/// nothing is drawn when stderr is not a terminal).
fn progress_line(progress: pos_sync::Progress) {
    use std::io::IsTerminal;
    let mut err = std::io::stderr();
    if !err.is_terminal() {
        return;
    }
    let text = match progress {
        pos_sync::Progress::Pushed { done, queued } => format!("pushed {done} of {queued} records"),
        pos_sync::Progress::CatalogReceived { rows } => format!("received {rows} catalog rows"),
        pos_sync::Progress::StockApplied { rows } => format!("applied {rows} stock levels"),
    };
    let _ = write!(err, "\r\x1b[2K{text}");
    let _ = err.flush();
}

fn clear_progress() {
    use std::io::IsTerminal;
    if std::io::stderr().is_terminal() {
        eprint!("\r\x1b[2K");
    }
}

/// A runtime for the commands that talk to HQ; the rest never need one.
fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    Ok(tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?)
}
