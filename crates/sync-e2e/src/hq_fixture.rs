//! A real HQ for one test: its own database on the real PostgreSQL server, migrated, and
//! `hq serve`'s application on a loopback port. Dropping it stops the server and drops
//! the database.

use std::net::SocketAddr;

use deadpool_postgres::{Manager, ManagerConfig, Pool, RecyclingMethod};
use hq::db::{DbTarget, quote_ident};
use tokio::sync::oneshot;
use tokio_postgres::Client;
use uuid::Uuid;

fn server_url() -> String {
    std::env::var("TEST_DATABASE_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned())
}

/// An item created at HQ for a test.
#[derive(Debug, Clone)]
pub struct SeededItem {
    pub id: Uuid,
    pub sku: String,
    pub barcode: String,
}

pub struct Hq {
    pub db_name: String,
    pub target: DbTarget,
    pub addr: SocketAddr,
    server: DbTarget,
    server_url: String,
    /// Every server started on this database (replicas), with how to stop each.
    servers: Vec<(oneshot::Sender<()>, tokio::task::JoinHandle<()>)>,
}

impl std::fmt::Debug for Hq {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Hq")
            .field("db", &self.db_name)
            .field("addr", &self.addr)
            .finish()
    }
}

impl Hq {
    /// A fresh, migrated HQ database with the server listening on 127.0.0.1.
    pub async fn start() -> Hq {
        Self::start_on(&server_url()).await
    }

    /// [`Hq::start`] on the PostgreSQL server at `url` (a private cluster).
    pub async fn start_on(url: &str) -> Hq {
        let server = DbTarget::parse(url).expect("a PostgreSQL URL");
        let db_name = format!("hq_e2e_{}", Uuid::new_v4().simple());
        let admin = server.connect().await.expect("PostgreSQL must be running");
        admin
            .batch_execute(&format!("CREATE DATABASE {}", quote_ident(&db_name)))
            .await
            .expect("create the test database");
        let target = server.with_dbname(&db_name);
        let mut client = target.connect().await.expect("connect");
        hq::migrations::migrate(&mut client).await.expect("migrate");
        let mut hq = Hq {
            db_name,
            target,
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            server,
            server_url: url.to_owned(),
            servers: Vec::new(),
        };
        hq.serve_on(0).await;
        hq
    }

    /// Starts a server (again, or another replica) on `port` (0: any free port); `addr`
    /// becomes its address.
    pub async fn serve_on(&mut self, port: u16) {
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", port))
            .await
            .expect("bind a loopback port");
        self.addr = listener.local_addr().expect("its address");
        let pool = self.pool(16);
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(async move {
            let _ = hq::api::serve(listener, pool, async {
                let _ = stopped.await;
            })
            .await;
        });
        self.servers.push((stop, task));
    }

    /// Stops every server and waits for them to end.
    pub async fn stop(&mut self) {
        for (stop, task) in self.servers.drain(..) {
            let _ = stop.send(());
            let _ = task.await;
        }
    }

    pub fn pool(&self, size: usize) -> Pool {
        let manager = Manager::from_config(
            self.target.config().clone(),
            tokio_postgres::NoTls,
            ManagerConfig {
                recycling_method: RecyclingMethod::Fast,
            },
        );
        Pool::builder(manager)
            .max_size(size)
            .runtime(deadpool_postgres::Runtime::Tokio1)
            .build()
            .expect("a pool")
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The database's URL, for an `hq` process.
    pub fn database_url(&self) -> String {
        let (prefix, _) = self
            .server_url
            .rsplit_once('/')
            .expect("a URL that names a database");
        format!("{prefix}/{}", self.db_name)
    }

    pub async fn client(&self) -> Client {
        self.target
            .connect()
            .await
            .expect("connect to HQ's database")
    }

    /// The operator at the `hq` command, in the default organization.
    pub async fn operator(&self, client: &Client) -> hq::audit::Scope {
        hq::audit::Scope::cli(client, "default")
            .await
            .expect("the default organization")
    }

    /// A one-time pairing code for a new terminal at the default store.
    pub async fn add_terminal(&self, name: &str) -> String {
        let mut client = self.client().await;
        let scope = self.operator(&client).await;
        hq::terminals::add_terminal(&mut client, &scope, name, None)
            .await
            .expect("add a terminal")
            .code
    }

    /// `count` items priced 1.00, 1.25, 1.50, ... alternating the 8.875% rate (exclusive)
    /// and a 5% rate (inclusive), each with `stock` on hand at the store; one version.
    pub async fn seed_items(&self, count: usize, stock_milli: i64) -> Vec<SeededItem> {
        let mut client = self.client().await;
        let tx = client.transaction().await.expect("begin");
        let org = default_org(&tx).await;
        let location: Uuid = tx
            .query_one("SELECT id FROM inv.locations WHERE code = 'MAIN'", &[])
            .await
            .expect("the seeded store")
            .get(0);
        let version = hq::versions::next_catalog_version(&tx, org)
            .await
            .expect("version");
        let std_rate: Uuid = tx
            .query_one("SELECT id FROM pos.tax_rates WHERE code = 'STD'", &[])
            .await
            .expect("STD")
            .get(0);
        let reduced: Uuid = tx
            .query_one(
                "INSERT INTO pos.tax_rates (organization_id, code, name, rate, sync_version) \
                 VALUES ($1, 'RED5', 'Reduced 5%', 0.05, $2) RETURNING id",
                &[&org, &version],
            )
            .await
            .expect("a 5% rate")
            .get(0);
        let mut items = Vec::with_capacity(count);
        for n in 0..count {
            let sku = format!("SKU-{n:05}");
            let barcode = format!("20{n:011}");
            let inclusive = n % 2 == 1;
            let id: Uuid = tx
                .query_one(
                    "INSERT INTO inv.items (organization_id, sku, barcode, name, price, \
                       price_includes_tax, tax_rate_id, sync_version) \
                     VALUES ($1, $2, $3, $4, $5::int8::numeric / 100, $6, $7, $8) RETURNING id",
                    &[
                        &org,
                        &sku,
                        &barcode,
                        &format!("Item {n}"),
                        &(100 + 25 * n as i64),
                        &inclusive,
                        &if inclusive { reduced } else { std_rate },
                        &version,
                    ],
                )
                .await
                .expect("an item")
                .get(0);
            items.push(SeededItem { id, sku, barcode });
        }
        let stock_version = hq::versions::next_stock_version(&tx, location)
            .await
            .expect("stock version");
        let ids: Vec<Uuid> = items.iter().map(|i| i.id).collect();
        tx.execute(
            "INSERT INTO inv.stock_levels (item_id, location_id, on_hand, sync_version) \
             SELECT id, $2, $3::int8::numeric / 1000, $4 FROM unnest($1::uuid[]) AS t (id)",
            &[&ids, &location, &stock_milli, &stock_version],
        )
        .await
        .expect("stock levels");
        // HQ's level is the sum of its movements: the opening stock is a count.
        if stock_milli != 0 {
            tx.execute(
                "INSERT INTO inv.stock_movements \
                   (id, item_id, location_id, quantity, reason, note, occurred_at) \
                 SELECT gen_random_uuid(), id, $2, $3::int8::numeric / 1000, 'count', \
                   'opening stock', now() FROM unnest($1::uuid[]) AS t (id)",
                &[&ids, &location, &stock_milli],
            )
            .await
            .expect("opening stock movements");
        }
        tx.commit().await.expect("commit the catalog");
        items
    }

    /// `count` more items (SKU `MORE-n`) in one catalog version, without stock.
    pub async fn seed_more_items(&self, count: usize) {
        let mut client = self.client().await;
        let tx = client.transaction().await.expect("begin");
        let org = default_org(&tx).await;
        let version = hq::versions::next_catalog_version(&tx, org)
            .await
            .expect("version");
        tx.execute(
            "INSERT INTO inv.items (organization_id, sku, name, price, tax_rate_id, sync_version) \
             SELECT $1, 'MORE-' || n, 'More ' || n, 2.00, t.id, $2 \
             FROM generate_series(1, $3::int) AS n, pos.tax_rates t WHERE t.code = 'STD'",
            &[&org, &version, &(count as i32)],
        )
        .await
        .expect("more items");
        tx.commit().await.expect("commit");
    }

    /// A customer of the default organization named `name`, in a catalog version of its
    /// own (so tills pull it), with no store credit.
    pub async fn add_customer(&self, name: &str) -> Uuid {
        let id = Uuid::now_v7();
        self.client()
            .await
            .execute(
                "WITH v AS (UPDATE core.catalog_versions SET version = version + 1 \
                   WHERE organization_id = (SELECT id FROM core.organizations \
                     WHERE slug = 'default') \
                   RETURNING organization_id, version) \
                 INSERT INTO pos.customers (id, organization_id, name, sync_version) \
                 SELECT $1, v.organization_id, $2, v.version FROM v",
                &[&id, &name],
            )
            .await
            .expect("a customer");
        id
    }

    /// A till user with `pin` (made by `hq user add`'s own code), returning their id.
    pub async fn add_user(&self, name: &str, role: &str, pin: &str) -> Uuid {
        let mut client = self.client().await;
        let scope = self.operator(&client).await;
        let new = hq::users::NewUser {
            email: format!("{}@example.com", Uuid::new_v4().simple()),
            name: name.to_owned(),
            role: role.parse().expect("a role"),
            pin: Some(pin.to_owned()),
            password: None,
        };
        hq::users::add_user(&mut client, &scope, &new)
            .await
            .expect("add a till user")
            .id
    }

    /// Drops the database (the server must be stopped first).
    pub async fn drop_database(mut self) {
        self.stop().await;
        let admin = self.server.connect().await.expect("connect");
        admin
            .batch_execute(&format!(
                "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                quote_ident(&self.db_name)
            ))
            .await
            .expect("drop the test database");
    }
}

/// The organization the migrations seed.
async fn default_org(tx: &tokio_postgres::Transaction<'_>) -> Uuid {
    tx.query_one(
        "SELECT id FROM core.organizations WHERE slug = 'default'",
        &[],
    )
    .await
    .expect("the seeded organization")
    .get(0)
}
