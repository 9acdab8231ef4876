//! `hq user add` and `hq items import`.

use hq::db::DbTarget;

use crate::cli::{ItemsCommand, UserCommand};
use crate::commands::Outcome;

pub async fn user(target: &DbTarget, command: UserCommand) -> Outcome {
    match command {
        UserCommand::Add {
            email,
            name,
            role,
            pin,
            org,
            json,
        } => {
            let role: hq::users::TillRole = role.parse()?;
            let mut client = target.connect().await?;
            let new = hq::users::NewTillUser {
                email,
                name,
                role,
                pin,
            };
            let user = hq::users::add_till_user(&mut client, &org, &new).await?;
            if json {
                println!("{}", serde_json::to_string_pretty(&user)?);
            } else {
                println!(
                    "Added {} {} <{}> (id {}); terminals receive them on their next sync.",
                    user.role, user.name, user.email, user.id
                );
            }
        }
    }
    Ok(Ok(()))
}

pub async fn items(target: &DbTarget, command: ItemsCommand) -> Outcome {
    match command {
        ItemsCommand::Import { file, org, json } => {
            let mut client = target.connect().await?;
            let bar = hq::items_import::progress_bar(0);
            let report = hq::items_import::import_items(&mut client, &org, &file, &mut |p| {
                bar.set_length(p.total);
                bar.set_position(p.done);
            })
            .await?;
            bar.finish_and_clear();
            if json {
                println!("{}", serde_json::to_string_pretty(&report)?);
            } else {
                println!(
                    "Imported {} item(s): {} new, {} updated, {} unchanged; {} tax rate(s) created.",
                    report.imported,
                    report.created,
                    report.updated,
                    report.unchanged,
                    report.tax_rates_created
                );
                for bad in &report.rejected {
                    eprintln!("line {}: {}", bad.line, bad.reason);
                }
            }
            if !report.rejected.is_empty() {
                return Ok(Err(crate::Refused));
            }
        }
    }
    Ok(Ok(()))
}
