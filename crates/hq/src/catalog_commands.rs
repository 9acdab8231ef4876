//! `hq items import | set-price`.

use hq::db::DbTarget;

use crate::cli::ItemsCommand;
use crate::commands::Outcome;

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
        ItemsCommand::SetPrice { sku, price, org } => {
            let mut client = target.connect().await?;
            let scope = hq::audit::Scope::cli(&client, &org).await?;
            let change = hq::item_price::set_price(&mut client, &scope, &sku, &price).await?;
            println!(
                "{}: {} -> {}; terminals receive the new price on their next sync.",
                change.sku, change.old_price, change.new_price
            );
        }
    }
    Ok(Ok(()))
}
