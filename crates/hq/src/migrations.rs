//! The HQ schema's migrations (embedded from `migrations/hq/`) and what the database records of
//! them.
//!
//! Invariant: an applied migration is never edited. refinery records a checksum of each file it
//! applies; [`status`] compares those with the files built into this binary, so an edited file or
//! a version this build does not know is reported instead of being run over.

use serde::Serialize;
use tokio_postgres::Client;

mod embedded {
    refinery::embed_migrations!("../../migrations/hq");
}

/// refinery's history table (its default name, in the `public` schema).
pub const HISTORY_TABLE: &str = "refinery_schema_history";

/// Serialises `hq db migrate` runs (several HQ replicas may start at once).
const MIGRATE_LOCK: i64 = 0x7461_6c6c_795f_6d67; // "tally_mg"

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct MigrationRef {
    pub version: i32,
    pub name: String,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct AppliedMigration {
    pub version: i32,
    pub name: String,
    pub applied_on: Option<String>,
}

/// What the database records compared with the migrations this build knows.
#[derive(Debug, Clone, Serialize)]
pub struct Status {
    pub newest: i32,
    pub current: Option<i32>,
    pub applied: Vec<AppliedMigration>,
    pub pending: Vec<MigrationRef>,
    /// Recorded versions that no file of this build has.
    pub unknown: Vec<AppliedMigration>,
    /// Recorded versions whose file changed after it was applied.
    pub edited: Vec<AppliedMigration>,
}

#[derive(Debug, thiserror::Error)]
pub enum MigrateError {
    #[error(transparent)]
    Database(#[from] tokio_postgres::Error),
    #[error("refusing to migrate: {0}")]
    Diverged(String),
    #[error("a migration failed")]
    Refinery(#[from] refinery::Error),
}

/// The migrations built into this binary, oldest first.
pub fn known() -> Vec<refinery::Migration> {
    let mut migrations = embedded::migrations::runner().get_migrations().clone();
    migrations.sort_by_key(|m| m.version());
    migrations
}

pub fn newest_version() -> i32 {
    known().last().map_or(0, |m| m.version())
}

impl Status {
    /// True only when every known migration is applied, unchanged, and nothing else is recorded.
    pub fn is_at_newest(&self) -> bool {
        self.pending.is_empty() && self.unknown.is_empty() && self.edited.is_empty()
    }

    /// One sentence per recorded migration that this build must not run over: unknown versions
    /// and edited files.
    pub fn divergence(&self) -> Vec<String> {
        let mut problems = Vec::new();
        for m in &self.unknown {
            problems.push(format!(
                "the database records migration V{}__{} which this build does not know \
                 (a newer or foreign build migrated it)",
                m.version, m.name
            ));
        }
        for m in &self.edited {
            problems.push(format!(
                "migration V{}__{} was edited after it was applied (its checksum differs)",
                m.version, m.name
            ));
        }
        problems
    }

    /// One sentence per reason the database is not exactly at the newest version.
    pub fn problems(&self) -> Vec<String> {
        let mut problems = self.divergence();
        if !self.pending.is_empty() {
            let list: Vec<String> = self
                .pending
                .iter()
                .map(|m| format!("V{}__{}", m.version, m.name))
                .collect();
            problems.push(format!(
                "{} migration(s) pending: {} (run `hq db migrate`)",
                list.len(),
                list.join(", ")
            ));
        }
        problems
    }
}

/// Reads the recorded history and compares it with the known migrations. Works on an empty
/// database (everything is pending).
pub async fn status(client: &Client) -> Result<Status, tokio_postgres::Error> {
    let known = known();
    let recorded = recorded_history(client).await?;
    let mut status = Status {
        newest: known.last().map_or(0, |m| m.version()),
        current: recorded.iter().map(|r| r.version).max(),
        applied: Vec::new(),
        pending: Vec::new(),
        unknown: Vec::new(),
        edited: Vec::new(),
    };
    for row in &recorded {
        let entry = AppliedMigration {
            version: row.version,
            name: row.name.clone(),
            applied_on: row.applied_on.clone(),
        };
        match known.iter().find(|m| m.version() == row.version) {
            None => status.unknown.push(entry),
            Some(file) if file.checksum().to_string() != row.checksum => {
                status.edited.push(entry.clone());
                status.applied.push(entry);
            }
            Some(_) => status.applied.push(entry),
        }
    }
    for file in &known {
        if !recorded.iter().any(|r| r.version == file.version()) {
            status.pending.push(MigrationRef {
                version: file.version(),
                name: file.name().to_owned(),
            });
        }
    }
    Ok(status)
}

struct HistoryRow {
    version: i32,
    name: String,
    applied_on: Option<String>,
    checksum: String,
}

async fn recorded_history(client: &Client) -> Result<Vec<HistoryRow>, tokio_postgres::Error> {
    let exists: bool = client
        .query_one(
            "SELECT to_regclass($1) IS NOT NULL",
            &[&format!("public.{HISTORY_TABLE}")],
        )
        .await?
        .get(0);
    if !exists {
        return Ok(Vec::new());
    }
    let rows = client
        .query(
            &format!(
                "SELECT version, coalesce(name, ''), applied_on, coalesce(checksum, '') \
                 FROM public.{HISTORY_TABLE} ORDER BY version"
            ),
            &[],
        )
        .await?;
    Ok(rows
        .iter()
        .map(|row| HistoryRow {
            version: row.get(0),
            name: row.get(1),
            applied_on: row.get(2),
            checksum: row.get(3),
        })
        .collect())
}

/// Applies every pending migration, each in its own transaction, and returns what it applied.
/// Refuses (changing nothing) when the history holds an unknown or edited migration.
pub async fn migrate(client: &mut Client) -> Result<Vec<MigrationRef>, MigrateError> {
    client
        .execute("SELECT pg_advisory_lock($1)", &[&MIGRATE_LOCK])
        .await?;
    let outcome = migrate_locked(client).await;
    let unlocked = client
        .execute("SELECT pg_advisory_unlock($1)", &[&MIGRATE_LOCK])
        .await;
    let applied = outcome?;
    unlocked?;
    Ok(applied)
}

async fn migrate_locked(client: &mut Client) -> Result<Vec<MigrationRef>, MigrateError> {
    let problems = status(client).await?.divergence();
    if !problems.is_empty() {
        return Err(MigrateError::Diverged(problems.join("; ")));
    }
    let report = embedded::migrations::runner()
        .set_abort_divergent(true)
        .set_abort_missing(true)
        .run_async(client)
        .await?;
    Ok(report
        .applied_migrations()
        .iter()
        .map(|m| MigrationRef {
            version: m.version(),
            name: m.name().to_owned(),
        })
        .collect())
}
