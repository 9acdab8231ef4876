//! `hq user add | list | disable | set-pin` and `hq audit`.

use std::io::{IsTerminal, Read};

use anyhow::{Context, bail};
use hq::audit::{self, Scope};
use hq::db::DbTarget;
use hq::roles::Role;
use hq::users::{self, NewUser};

use crate::cli::UserCommand;
use crate::commands::{Outcome, read_password};

pub async fn run(target: &DbTarget, command: UserCommand) -> Outcome {
    let mut client = target.connect().await?;
    match command {
        UserCommand::Add {
            email,
            name,
            role,
            pin,
            with_password,
            org,
            json,
        } => {
            let role: Role = role.parse()?;
            let scope = Scope::cli(&client, &org).await?;
            let password = if role.needs_password() || with_password {
                Some(read_password()?)
            } else {
                None
            };
            let new = NewUser {
                name: name
                    .map(|n| n.trim().to_owned())
                    .filter(|n| !n.is_empty())
                    .unwrap_or_else(|| email.trim().to_owned()),
                email,
                role,
                pin,
                password,
            };
            let user = users::add_user(&mut client, &scope, &new).await?;
            if json {
                println!("{}", serde_json::to_string_pretty(&user)?);
            } else {
                println!(
                    "Added {} {} <{}> (id {}); terminals receive them on their next sync.",
                    user.role, user.name, user.email, user.id
                );
            }
        }
        UserCommand::List { org, json } => {
            let scope = Scope::cli(&client, &org).await?;
            let rows = users::list_users(&client, scope.organization_id).await?;
            if json {
                println!("{}", serde_json::to_string_pretty(&rows)?);
            } else if rows.is_empty() {
                println!("No users yet; add one with `hq user add`.");
            } else {
                for r in rows {
                    let mut can = Vec::new();
                    if r.has_password {
                        can.push("HQ");
                    }
                    if r.has_pin {
                        can.push("till");
                    }
                    let state = match (&r.locked_until, r.active) {
                        (_, false) => "disabled".to_owned(),
                        (Some(until), true) => format!("locked until {until}"),
                        (None, true) => "active".to_owned(),
                    };
                    println!(
                        "{:<32} {:<24} {:<8} signs in at {:<9} {}",
                        r.email,
                        r.name,
                        r.role,
                        if can.is_empty() {
                            "nothing".to_owned()
                        } else {
                            can.join(", ")
                        },
                        state
                    );
                }
            }
        }
        UserCommand::Disable { user, org } => {
            let scope = Scope::cli(&client, &org).await?;
            let id = users::disable_user(&mut client, &scope, &user).await?;
            println!(
                "Disabled user {id}: their HQ sessions ended, and terminals refuse them after their next sync."
            );
        }
        UserCommand::SetPin { user, org } => {
            let scope = Scope::cli(&client, &org).await?;
            let pin = read_pin()?;
            let id = users::set_pin(&mut client, &scope, &user, &pin).await?;
            println!("Set the till PIN of user {id}; terminals receive it on their next sync.");
        }
    }
    Ok(Ok(()))
}

pub async fn audit(target: &DbTarget, org: &str, limit: i64, json: bool) -> Outcome {
    let client = target.connect().await?;
    let scope = Scope::cli(&client, org).await?;
    let rows = audit::list(&client, scope.organization_id, limit).await?;
    if json {
        println!("{}", serde_json::to_string_pretty(&rows)?);
        return Ok(Ok(()));
    }
    if rows.is_empty() {
        println!("The audit log is empty.");
    }
    for r in rows {
        let who = match (&r.user_email, r.user_id, &r.terminal) {
            (Some(email), _, _) => email.clone(),
            (None, Some(id), _) => id.to_string(),
            (None, None, _) if r.source == "cli" => "operator (hq)".to_owned(),
            _ => "nobody signed in".to_owned(),
        };
        let at = r
            .terminal
            .as_deref()
            .map(|code| format!(" at {code}"))
            .unwrap_or_default();
        println!(
            "{}  {:<16} {}{}  {} {}",
            r.occurred_at, r.action, who, at, r.entity, r.detail
        );
    }
    Ok(Ok(()))
}

/// From a prompt that does not echo on a terminal, else the first line of stdin. Checked
/// by the library (4 to 8 digits); here only its presence.
fn read_pin() -> anyhow::Result<String> {
    let pin = if std::io::stdin().is_terminal() {
        rpassword::prompt_password("PIN: ").context("cannot read the PIN")?
    } else {
        let mut input = String::new();
        std::io::stdin()
            .read_to_string(&mut input)
            .context("cannot read the PIN from standard input")?;
        input.lines().next().unwrap_or_default().to_owned()
    };
    if pin.trim().is_empty() {
        bail!(
            "no PIN on standard input: pipe it in, e.g. `printf '%s\\n' \"$PIN\" | hq user set-pin ...`"
        );
    }
    Ok(pin.trim().to_owned())
}
