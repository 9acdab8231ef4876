//! `hq user add` and `hq items import`.

use hq::db::DbTarget;

use crate::cli::{ItemsCommand, UserCommand};
use crate::commands::Outcome;

pub async fn user(_target: &DbTarget, command: UserCommand) -> Outcome {
    match command {
        UserCommand::Add { .. } => anyhow::bail!("hq user add is not wired yet"),
    }
}

pub async fn items(_target: &DbTarget, command: ItemsCommand) -> Outcome {
    match command {
        ItemsCommand::Import { .. } => anyhow::bail!("hq items import is not wired yet"),
    }
}
