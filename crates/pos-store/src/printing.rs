//! The receipt printer's settings and the print queue. Jobs hold the bytes to send, rendered
//! when the sale was committed, so a reprint after a settings change still prints what the
//! customer was given.

use rusqlite::{OptionalExtension, params};

use crate::{Store, StoreError};

/// The one row of printer settings; `address` is checked by the terminal core.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrinterSettings {
    pub address: String,
    /// 58 or 80.
    pub paper_mm: u8,
    pub store_name: String,
    pub store_address: Vec<String>,
    pub tax_id: String,
    pub footer: Vec<String>,
}

/// A job waiting for the printer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrintJob {
    pub id: i64,
    pub document: String,
    pub bytes: Vec<u8>,
    pub attempts: i64,
}

/// How the queue stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrintQueue {
    pub waiting: i64,
    /// Why the oldest waiting job did not print, when it was tried.
    pub last_error: Option<String>,
}

fn lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim_end)
        .filter(|line| !line.is_empty())
        .map(str::to_owned)
        .collect()
}

impl Store {
    pub fn printer_settings(&self) -> Result<PrinterSettings, StoreError> {
        let (address, paper, name, store_address, tax_id, footer): (
            String,
            i64,
            String,
            String,
            String,
            String,
        ) = self.conn.query_row(
            "SELECT address, paper_mm, store_name, store_address, tax_id, footer \
             FROM printer_settings WHERE id = 1",
            [],
            |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                ))
            },
        )?;
        Ok(PrinterSettings {
            address,
            paper_mm: if paper == 58 { 58 } else { 80 },
            store_name: name,
            store_address: lines(&store_address),
            tax_id,
            footer: lines(&footer),
        })
    }

    pub fn set_printer_settings(&mut self, settings: &PrinterSettings) -> Result<(), StoreError> {
        self.conn.execute(
            "UPDATE printer_settings SET address = ?1, paper_mm = ?2, store_name = ?3, \
             store_address = ?4, tax_id = ?5, footer = ?6 WHERE id = 1",
            params![
                settings.address,
                i64::from(settings.paper_mm),
                settings.store_name,
                settings.store_address.join("\n"),
                settings.tax_id,
                settings.footer.join("\n"),
            ],
        )?;
        Ok(())
    }

    /// Queues `bytes` for the printer; the job's id.
    pub fn queue_print_job(
        &mut self,
        document: &str,
        bytes: &[u8],
        at: &str,
    ) -> Result<i64, StoreError> {
        self.conn.execute(
            "INSERT INTO print_jobs (document, bytes, created_at) VALUES (?1, ?2, ?3)",
            params![document, bytes, at],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Jobs not printed yet, oldest first.
    pub fn waiting_print_jobs(&self, limit: usize) -> Result<Vec<PrintJob>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, document, bytes, attempts FROM print_jobs \
             WHERE printed_at IS NULL ORDER BY id LIMIT ?1",
        )?;
        let jobs = stmt
            .query_map([i64::try_from(limit).unwrap_or(i64::MAX)], |r| {
                Ok(PrintJob {
                    id: r.get(0)?,
                    document: r.get(1)?,
                    bytes: r.get(2)?,
                    attempts: r.get(3)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(jobs)
    }

    pub fn mark_printed(&mut self, id: i64, at: &str) -> Result<(), StoreError> {
        self.conn.execute(
            "UPDATE print_jobs SET printed_at = ?2, attempts = attempts + 1, last_error = NULL \
             WHERE id = ?1",
            params![id, at],
        )?;
        Ok(())
    }

    pub fn mark_print_failed(&mut self, id: i64, error: &str) -> Result<(), StoreError> {
        self.conn.execute(
            "UPDATE print_jobs SET attempts = attempts + 1, last_error = ?2 WHERE id = ?1",
            params![id, error],
        )?;
        Ok(())
    }

    pub fn print_queue(&self) -> Result<PrintQueue, StoreError> {
        let waiting: i64 = self.conn.query_row(
            "SELECT count(*) FROM print_jobs WHERE printed_at IS NULL",
            [],
            |r| r.get(0),
        )?;
        let last_error: Option<String> = self
            .conn
            .query_row(
                "SELECT last_error FROM print_jobs WHERE printed_at IS NULL ORDER BY id LIMIT 1",
                [],
                |r| r.get(0),
            )
            .optional()?
            .flatten();
        Ok(PrintQueue {
            waiting,
            last_error,
        })
    }

    /// The name of the location this terminal sells at, for the receipt's header.
    pub fn location_name(&self, id: uuid::Uuid) -> Result<Option<String>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT name FROM locations WHERE id = ?1",
                [id.to_string()],
                |r| r.get(0),
            )
            .optional()?)
    }
}
