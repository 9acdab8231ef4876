//! A throwaway database built from the migrations: what the live database should look like.

use crate::catalog::Catalog;
use crate::db::{ConnectError, DbTarget, quote_ident};
use crate::migrations::{self, MigrateError};

#[derive(Debug, thiserror::Error)]
pub enum ScratchError {
    #[error(transparent)]
    Connect(#[from] ConnectError),
    #[error("cannot create or drop the scratch database (the role needs CREATEDB)")]
    CreateOrDrop(#[source] tokio_postgres::Error),
    #[error("cannot build the scratch database from the migrations")]
    Migrate(#[from] MigrateError),
    #[error("cannot read the scratch database's catalog")]
    Read(#[source] tokio_postgres::Error),
}

/// The scratch database's name: the live one's (so an operator can tell whose it is) and a
/// random suffix (so concurrent checks never collide). At most 63 bytes, PostgreSQL's limit.
pub fn scratch_name(live_dbname: &str) -> String {
    let prefix: String = live_dbname.chars().take(30).collect();
    format!("{prefix}__scratch_{}", uuid::Uuid::new_v4().simple())
}

/// Builds a fresh database from the migrations on the live server, reads its catalog and drops
/// it again, also when building or reading failed.
pub async fn expected_catalog(live: &DbTarget) -> Result<Catalog, ScratchError> {
    let admin = live.connect().await?;
    let name = scratch_name(live.dbname());
    admin
        .batch_execute(&format!("CREATE DATABASE {}", quote_ident(&name)))
        .await
        .map_err(ScratchError::CreateOrDrop)?;
    let built = build_and_read(&live.with_dbname(&name)).await;
    let dropped = admin
        .batch_execute(&format!(
            "DROP DATABASE IF EXISTS {} WITH (FORCE)",
            quote_ident(&name)
        ))
        .await
        .map_err(ScratchError::CreateOrDrop);
    let catalog = built?;
    dropped?;
    Ok(catalog)
}

async fn build_and_read(scratch: &DbTarget) -> Result<Catalog, ScratchError> {
    let mut client = scratch.connect().await?;
    migrations::migrate(&mut client).await?;
    Catalog::read(&client).await.map_err(ScratchError::Read)
}
