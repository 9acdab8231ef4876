//! Connections to PostgreSQL.

use std::str::FromStr;

use tokio_postgres::{Client, Config, NoTls};

/// Where the HQ database lives, parsed once from a URL. `Debug` and `Display` never show the
/// password, so a target can be logged or put in an error message safely.
#[derive(Clone)]
pub struct DbTarget {
    config: Config,
}

#[derive(Debug, thiserror::Error)]
pub enum ConnectError {
    #[error("the database URL is not valid: {0}")]
    InvalidUrl(#[source] tokio_postgres::Error),
    #[error("the database URL names no database")]
    NoDatabase,
    #[error("cannot connect to the database {target}")]
    Unreachable {
        target: String,
        #[source]
        source: tokio_postgres::Error,
    },
}

impl DbTarget {
    pub fn parse(url: &str) -> Result<Self, ConnectError> {
        let config = Config::from_str(url).map_err(ConnectError::InvalidUrl)?;
        if config.get_dbname().is_none() {
            return Err(ConnectError::NoDatabase);
        }
        Ok(Self { config })
    }

    pub fn dbname(&self) -> &str {
        self.config.get_dbname().unwrap_or_default()
    }

    /// The parsed connection settings (for a connection pool).
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The same server and credentials, another database.
    pub fn with_dbname(&self, dbname: &str) -> Self {
        let mut config = self.config.clone();
        config.dbname(dbname);
        Self { config }
    }

    /// Opens a connection; its driver task runs on the current tokio runtime.
    pub async fn connect(&self) -> Result<Client, ConnectError> {
        let (client, connection) =
            self.config
                .connect(NoTls)
                .await
                .map_err(|source| ConnectError::Unreachable {
                    target: self.to_string(),
                    source,
                })?;
        tokio::spawn(async move {
            if let Err(error) = connection.await {
                tracing::warn!(%error, "database connection closed with an error");
            }
        });
        Ok(client)
    }
}

impl std::fmt::Display for DbTarget {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let host = self
            .config
            .get_hosts()
            .first()
            .map(|host| match host {
                tokio_postgres::config::Host::Tcp(name) => name.clone(),
                #[cfg(unix)]
                tokio_postgres::config::Host::Unix(path) => path.display().to_string(),
            })
            .unwrap_or_else(|| "localhost".to_owned());
        let port = self.config.get_ports().first().copied().unwrap_or(5432);
        write!(f, "\"{}\" on {host}:{port}", self.dbname())
    }
}

impl std::fmt::Debug for DbTarget {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "DbTarget({self})")
    }
}

/// Quotes an SQL identifier (a database name, say) for statements that cannot take parameters.
pub fn quote_ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}
