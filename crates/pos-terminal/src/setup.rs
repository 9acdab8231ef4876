//! Creating a terminal's data folder, and opening it again.

use std::path::{Path, PathBuf};

use pos_domain::Money;
use pos_store::{CustomerRow, LocationRow, Role, Store, TerminalIdentity, UserRow};
use serde::Serialize;
use uuid::Uuid;

use crate::pin::Pin;
use crate::{Terminal, TerminalError, clock, demo};

/// The store's file inside the data folder.
pub const DB_FILE: &str = "terminal.db";

/// A user made by `init --demo`, with the PIN shown this once (serialized for that one
/// print; `Debug` hides it).
#[derive(Clone, Serialize)]
pub struct InitUser {
    /// For [`Terminal::sign_in_as`].
    pub id: Uuid,
    pub name: String,
    pub role: Role,
    pub pin: String,
}

/// A customer made by `init --demo`, so a sale can name one (`pos sale --customer ID`).
#[derive(Debug, Clone, Serialize)]
pub struct InitCustomer {
    pub id: Uuid,
    pub name: String,
    pub store_credit: Money,
}

impl std::fmt::Debug for InitUser {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("InitUser")
            .field("id", &self.id)
            .field("name", &self.name)
            .field("role", &self.role)
            .field("pin", &"<redacted>")
            .finish()
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct InitReport {
    pub terminal_id: Uuid,
    pub code: String,
    pub data_dir: PathBuf,
    pub items: usize,
    pub users: Vec<InitUser>,
    pub customers: Vec<InitCustomer>,
}

/// Six random digits, different from every PIN in `taken`.
fn fresh_pin(taken: &[String]) -> String {
    loop {
        let random =
            u64::from_le_bytes(Uuid::new_v4().as_bytes()[..8].try_into().unwrap_or([7; 8]));
        let pin = format!("{:06}", random % 1_000_000);
        if !taken.contains(&pin) {
            return pin;
        }
    }
}

fn io_error(action: &str, path: &Path, error: &std::io::Error) -> TerminalError {
    TerminalError::InvalidInput(format!("cannot {action} {}: {error}", path.display()))
}

impl Terminal {
    /// Opens the terminal in `data_dir`. Never creates one: a missing store is
    /// [`TerminalError::NotInitialized`], so a typo in a path cannot start an empty till.
    pub fn open(data_dir: &Path) -> Result<Self, TerminalError> {
        let path = data_dir.join(DB_FILE);
        if !path.exists() {
            return Err(TerminalError::NotInitialized);
        }
        let store = Store::open(&path)?;
        let identity = store.terminal()?.ok_or(TerminalError::NotInitialized)?;
        Ok(Self { store, identity })
    }

    /// Creates a terminal in `data_dir` (made if missing). With `demo`, loads the demo
    /// catalog, a cashier and a manager whose PINs are returned this once, and a
    /// customer with store credit. Refuses a folder that already holds a terminal.
    pub fn init(data_dir: &Path, with_demo: bool) -> Result<(Self, InitReport), TerminalError> {
        let location_id = Uuid::now_v7();
        let identity = TerminalIdentity {
            terminal_id: Uuid::now_v7(),
            code: "T01".to_owned(),
            organization_id: Uuid::now_v7(),
            location_id,
            hq_url: None,
            created_at: clock::now_utc(),
        };
        Self::create(data_dir, identity, "Main Store", with_demo)
    }

    /// Creates the terminal HQ just paired, with the identity HQ gave it, in `data_dir`;
    /// its catalog comes with the first pull. Refuses a folder that already holds a
    /// terminal, like [`Terminal::init`].
    pub fn init_paired(
        data_dir: &Path,
        identity: TerminalIdentity,
        location_name: &str,
    ) -> Result<Self, TerminalError> {
        Ok(Self::create(data_dir, identity, location_name, false)?.0)
    }

    fn create(
        data_dir: &Path,
        identity: TerminalIdentity,
        location_name: &str,
        with_demo: bool,
    ) -> Result<(Self, InitReport), TerminalError> {
        std::fs::create_dir_all(data_dir).map_err(|error| {
            TerminalError::InvalidInput(format!(
                "cannot create the data folder {}: {error}",
                data_dir.display()
            ))
        })?;
        let final_path = data_dir.join(DB_FILE);
        if final_path.exists() {
            return Err(match Store::open(&final_path)?.terminal()? {
                Some(_) => TerminalError::AlreadyInitialized,
                None => TerminalError::InvalidInput(format!(
                    "{} holds an unfinished terminal store; move it away and run init again",
                    final_path.display()
                )),
            });
        }
        // Everything is written to a side file that becomes the store only when complete, so
        // an interrupted init leaves nothing a second init would trip over.
        let partial = data_dir.join(format!("{DB_FILE}.partial"));
        for leftover in ["", "-wal", "-shm"] {
            let path = PathBuf::from(format!("{}{leftover}", partial.display()));
            if path.exists() {
                std::fs::remove_file(&path).map_err(|e| io_error("remove", &path, &e))?;
            }
        }
        let mut store = Store::open(&partial)?;
        let location_id = identity.location_id;
        store.upsert_locations(&[LocationRow {
            id: location_id,
            name: location_name.to_owned(),
            deleted: false,
        }])?;
        let mut report = InitReport {
            terminal_id: identity.terminal_id,
            code: identity.code.clone(),
            data_dir: data_dir.to_path_buf(),
            items: 0,
            users: Vec::new(),
            customers: Vec::new(),
        };
        if with_demo {
            let catalog = demo::catalog(location_id)?;
            store.upsert_tax_rates(&catalog.tax_rates)?;
            store.upsert_items(&catalog.items)?;
            store.apply_hq_stock(&catalog.stock, 0)?;
            report.items = catalog.items.len();
            let mut users = Vec::new();
            let mut pins = Vec::new();
            for (name, role) in [
                ("Casey Cashier", Role::Cashier),
                ("Morgan Manager", Role::Manager),
            ] {
                let pin = fresh_pin(&pins);
                let id = Uuid::now_v7();
                users.push(UserRow {
                    id,
                    name: name.to_owned(),
                    role,
                    pin_hash: Pin::parse(&pin)?.hash()?,
                    deleted: false,
                });
                report.users.push(InitUser {
                    id,
                    name: name.to_owned(),
                    role,
                    pin: pin.clone(),
                });
                pins.push(pin);
            }
            store.upsert_users(&users)?;
            let customer = CustomerRow {
                id: Uuid::now_v7(),
                name: "Alex Regular".to_owned(),
                email: Some("alex@example.com".to_owned()),
                phone: None,
                store_credit: Money::from_minor(2_500)?,
                deleted: false,
            };
            store.upsert_customers(std::slice::from_ref(&customer))?;
            report.customers.push(InitCustomer {
                id: customer.id,
                name: customer.name,
                store_credit: customer.store_credit,
            });
        }
        store.init_terminal(&identity)?;
        // Closing the last connection checkpoints the WAL into the file and removes it.
        drop(store);
        let wal = PathBuf::from(format!("{}-wal", partial.display()));
        if std::fs::metadata(&wal).is_ok_and(|m| m.len() > 0) {
            return Err(TerminalError::InvalidInput(format!(
                "could not finish setting up {}: its log was not written back",
                partial.display()
            )));
        }
        std::fs::rename(&partial, &final_path).map_err(|e| io_error("rename", &partial, &e))?;
        if with_demo {
            crate::demo_hint::write(data_dir, &report.users)?;
        }
        let store = Store::open(&final_path)?;
        Ok((Self { store, identity }, report))
    }
}
