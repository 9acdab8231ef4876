//! `hq terminal add | list | revoke | rekey`.

use hq::audit::Scope;
use hq::db::DbTarget;
use hq::terminals;

use crate::cli::TerminalCommand;
use crate::commands::Outcome;

pub async fn run(target: &DbTarget, command: TerminalCommand) -> Outcome {
    let mut client = target.connect().await?;
    match command {
        TerminalCommand::Add {
            name,
            location,
            org,
            json,
        } => {
            let scope = Scope::cli(&client, &org).await?;
            let added =
                terminals::add_terminal(&mut client, &scope, &name, location.as_deref()).await?;
            if json {
                println!("{}", serde_json::to_string_pretty(&added)?);
            } else {
                println!(
                    "Added terminal {} \"{}\" at {} (id {}).",
                    added.terminal_code, added.name, added.location, added.terminal_id
                );
                println!("Pairing code: {}", added.code);
                println!(
                    "It works once, until {}: on the terminal run `pos pair --hq URL --code {}`.",
                    added.expires_at, added.code
                );
            }
        }
        TerminalCommand::List { org, json } => {
            let scope = Scope::cli(&client, &org).await?;
            let rows = terminals::list_terminals(&client, scope.organization_id).await?;
            if json {
                println!("{}", serde_json::to_string_pretty(&rows)?);
            } else if rows.is_empty() {
                println!("No terminals yet; add one with `hq terminal add --name NAME`.");
            } else {
                for r in rows {
                    let state = if r.revoked {
                        "revoked"
                    } else if r.paired {
                        "paired"
                    } else {
                        "waiting for pairing"
                    };
                    println!(
                        "{:<8} {:<20} {:<16} {:<20} last record {} (seen {})",
                        r.terminal_code,
                        r.name,
                        r.location,
                        state,
                        r.last_applied,
                        r.last_seen_at.as_deref().unwrap_or("never")
                    );
                }
            }
        }
        TerminalCommand::Revoke { terminal, org } => {
            let scope = Scope::cli(&client, &org).await?;
            let id = terminals::revoke_terminal(&mut client, &scope, &terminal).await?;
            println!("Revoked terminal {id}: its token no longer works.");
        }
        TerminalCommand::Rekey {
            terminal,
            org,
            json,
        } => {
            let scope = Scope::cli(&client, &org).await?;
            let issued = terminals::rekey::issue(&mut client, &scope, &terminal).await?;
            if json {
                println!("{}", serde_json::to_string_pretty(&issued)?);
            } else {
                println!(
                    "Re-keying code for terminal {} ({}): {}",
                    issued.terminal_code, issued.terminal_id, issued.code
                );
                println!(
                    "It works once, until {}, for this terminal only: on it run \
                     `pos rekey --hq URL --code {}`. Its queue and numbering go on; its old token \
                     stops working when the code is used.",
                    issued.expires_at, issued.code
                );
            }
        }
    }
    Ok(Ok(()))
}
