//! Each `hq` command: parse its input, call the library, print the outcome.

use std::io::{IsTerminal, Read};

use anyhow::{Context, bail};
use hq::admin::{self, Email, NewAdmin};
use hq::catalog::Catalog;
use hq::db::DbTarget;
use hq::password::{Password, PasswordError};
use hq::{drift, migrations, scratch};

use crate::Refused;
use crate::cli::{Cli, Command, DbCommand, InitArgs, LedgerCommand};

pub type Outcome = anyhow::Result<Result<(), Refused>>;

pub async fn run(cli: Cli) -> Outcome {
    let url = cli.database.database_url.context(
        "no database given: pass --database-url or set DATABASE_URL (postgres://user@host/db)",
    )?;
    let target = DbTarget::parse(&url)?;
    match cli.command {
        Command::Db(DbCommand::Migrate) => migrate(&target).await,
        Command::Db(DbCommand::Status { json }) => status(&target, json).await,
        Command::Db(DbCommand::Check { json }) => check(&target, json).await,
        Command::Init(args) => init(&target, args).await,
        Command::Serve(args) => crate::serve::serve(&target, args).await,
        Command::Terminal(command) => crate::terminal_commands::run(&target, command).await,
        Command::User(command) => crate::user_commands::run(&target, command).await,
        Command::Audit { org, limit, json } => {
            crate::user_commands::audit(&target, &org, limit, json).await
        }
        Command::Items(command) => crate::catalog_commands::items(&target, command).await,
        Command::Ledger(LedgerCommand::Check { json }) => ledger_check(&target, json).await,
        Command::Reconcile { date, json } => {
            crate::reconcile_command::run(&target, &date, json).await
        }
    }
}

async fn migrate(target: &DbTarget) -> Outcome {
    let mut client = target.connect().await?;
    let applied = migrations::migrate(&mut client)
        .await
        .with_context(|| format!("cannot migrate the database {target}"))?;
    if applied.is_empty() {
        println!(
            "The database is already at the newest version (V{}); nothing to apply.",
            migrations::newest_version()
        );
    }
    for m in &applied {
        println!("applied V{}__{}", m.version, m.name);
    }
    Ok(Ok(()))
}

async fn ledger_check(target: &DbTarget, json: bool) -> Outcome {
    let mut client = target.connect().await?;
    let violations = hq::ledger::check(&mut client)
        .await
        .with_context(|| format!("cannot check the ledger of {target}"))?;
    if json {
        let report = serde_json::json!({ "ok": violations.is_empty(), "violations": violations });
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else if violations.is_empty() {
        println!(
            "The ledger holds: every entry balances, every sale has one entry for its total, \
             payments and lines add up, and stock levels equal their movements."
        );
    } else {
        for v in &violations {
            println!("{}: {}: {}", v.check, v.subject, v.detail);
        }
        println!("{} violation(s).", violations.len());
    }
    Ok(if violations.is_empty() {
        Ok(())
    } else {
        Err(Refused)
    })
}

async fn status(target: &DbTarget, json: bool) -> Outcome {
    let client = target.connect().await?;
    let status = migrations::status(&client)
        .await
        .with_context(|| format!("cannot read the migration history of {target}"))?;
    if json {
        let mut value = serde_json::to_value(&status)?;
        value["up_to_date"] = status.is_at_newest().into();
        println!("{}", serde_json::to_string_pretty(&value)?);
    } else {
        for m in &status.applied {
            let when = m.applied_on.as_deref().unwrap_or("unknown time");
            println!("applied  V{}__{} ({when})", m.version, m.name);
        }
        for m in &status.pending {
            println!("pending  V{}__{}", m.version, m.name);
        }
        println!("newest known version: V{}", status.newest);
    }
    if status.is_at_newest() {
        if !json {
            println!("The database is at the newest version.");
        }
        return Ok(Ok(()));
    }
    for problem in status.problems() {
        eprintln!("error: {problem}");
    }
    Ok(Err(Refused))
}

async fn check(target: &DbTarget, json: bool) -> Outcome {
    let client = target.connect().await?;
    let live = Catalog::read(&client)
        .await
        .with_context(|| format!("cannot read the catalog of {target}"))?;
    let expected = scratch::expected_catalog(target).await?;
    let differences = drift::compare(&expected, &live);
    if json {
        let report = serde_json::json!({
            "drift": !differences.is_empty(),
            "differences": differences
                .iter()
                .map(|d| serde_json::json!({ "description": d.to_string(), "detail": d }))
                .collect::<Vec<_>>(),
        });
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        for difference in &differences {
            println!("{difference}");
        }
    }
    if differences.is_empty() {
        if !json {
            println!("No drift: the database matches what the migrations build.");
        }
        return Ok(Ok(()));
    }
    eprintln!(
        "error: the database differs from what the migrations build in {} place(s)",
        differences.len()
    );
    Ok(Err(Refused))
}

async fn init(target: &DbTarget, args: InitArgs) -> Outcome {
    let email = Email::parse(&args.email)?;
    let password = read_password()?;
    let display_name = args
        .name
        .map(|name| name.trim().to_owned())
        .filter(|name| !name.is_empty())
        .unwrap_or_else(|| email.as_str().to_owned());
    let mut client = target.connect().await?;
    let created = admin::create_first_admin(
        &mut client,
        &args.org,
        NewAdmin {
            email,
            display_name,
            password,
        },
    )
    .await?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&created)?);
    } else {
        println!(
            "Created administrator {} for {}.",
            created.email, created.organization
        );
    }
    Ok(Ok(()))
}

/// From a prompt that does not echo (asked twice) on a terminal, else the first line of stdin.
pub(crate) fn read_password() -> anyhow::Result<Password> {
    let raw = if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password("Password: ").context("cannot read the password")?;
        let second =
            rpassword::prompt_password("Repeat password: ").context("cannot read the password")?;
        if first != second {
            return Err(PasswordError::Mismatch.into());
        }
        first
    } else {
        let mut input = String::new();
        std::io::stdin()
            .read_to_string(&mut input)
            .context("cannot read the password from standard input")?;
        let line = input.lines().next().unwrap_or_default().to_owned();
        if line.is_empty() {
            bail!(
                "no password on standard input: pipe it in, e.g. `printf '%s\\n' \"$PW\" | hq init --email ...`"
            );
        }
        line
    };
    Ok(Password::parse(raw)?)
}
