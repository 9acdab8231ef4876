//! How fast HQ applies pushed sales (each with its lines, payments, stock movements,
//! journal entry and store-credit change, re-priced and checked), with 1, 10 and 50
//! terminals pushing at once, against PostgreSQL's `COPY` of exactly the rows the push
//! wrote, in the same run and database: into empty tables of the same shape, and into
//! copies that also carry the real tables' foreign keys and triggers.
//!
//! `cargo run --release -p sync-e2e --example ingest_bench -- [SALES] [TERMINALS,...]`
//! (default 2,000 sales spread over 1,10,50 terminals; PostgreSQL from TEST_DATABASE_URL as
//! for the tests). Method and numbers: BENCHMARKS.md.

use std::time::{Duration, Instant};

use futures_util::{SinkExt, StreamExt};
use sync_e2e::hq_fixture::Hq;
use sync_e2e::till::{Till, drain, seed_staff};

/// The tables a push writes, in an order that COPY can refill (parents first).
const TABLES: [&str; 6] = [
    "pos.sales",
    "pos.sale_lines",
    "pos.payments",
    "inv.stock_movements",
    "acct.journal_entries",
    "acct.journal_lines",
];

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let mut args = std::env::args().skip(1);
    let sales: usize = args.next().and_then(|v| v.parse().ok()).unwrap_or(2_000);
    let fleets: Vec<usize> = args
        .next()
        .map(|v| v.split(',').filter_map(|n| n.parse().ok()).collect())
        .unwrap_or_else(|| vec![1, 10, 50]);
    println!(
        "terminals  sales  push (s)  sales/s   COPY (s)  sales/s   ratio   keyed COPY (s)  sales/s   ratio"
    );
    for terminals in fleets {
        run(sales, terminals).await;
    }
}

async fn run(sales: usize, terminals: usize) {
    let hq = Hq::start().await;
    let items = hq.seed_items(200, 1_000_000_000).await;
    seed_staff(&hq).await;
    let mut tills = Vec::new();
    for t in 0..terminals {
        tills.push(Till::paired(&hq, &hq.url(), &format!("Till {t}")).await);
    }
    // Offline: every till rings its share, so the push starts with full queues.
    let per_till = sales / terminals;
    for till in &mut tills {
        for n in 0..per_till {
            till.sell(n, &items);
        }
    }
    let pushed = per_till * terminals;

    let started = Instant::now();
    let mut rounds = tokio::task::JoinSet::new();
    for till in &tills {
        let path = till.path().to_owned();
        rounds.spawn(async move { drain(&path, 100).await });
    }
    while let Some(round) = rounds.join_next().await {
        round.expect("a push task");
    }
    let push = started.elapsed();

    let copy = copy_baseline(&hq, Keys::Without).await;
    let keyed = copy_baseline(&hq, Keys::Same).await;
    let rate = |elapsed: Duration| pushed as f64 / elapsed.as_secs_f64();
    println!(
        "{terminals:>9}  {pushed:>5}  {:>8.2}  {:>7.0}   {:>8.3}  {:>7.0}  {:>5.1}x   {:>14.3}  {:>7.0}  {:>5.1}x",
        push.as_secs_f64(),
        rate(push),
        copy.as_secs_f64(),
        rate(copy),
        push.as_secs_f64() / copy.as_secs_f64(),
        keyed.as_secs_f64(),
        rate(keyed),
        push.as_secs_f64() / keyed.as_secs_f64()
    );
    hq.drop_database().await;
}

/// Whether the baseline's tables carry the real tables' foreign keys and triggers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Keys {
    /// `LIKE ... INCLUDING ALL` only: same columns, defaults, checks and indexes; no
    /// foreign keys or triggers, which is what makes COPY the floor.
    Without,
    /// Also every foreign key (to the real parent tables, which hold the same parents) and
    /// every trigger of the real table, the deferred journal-balance check included: the
    /// same guarantees the push's rows get, landed by COPY.
    Same,
}

/// Copies out every row the push wrote, then times `COPY ... FROM STDIN` of them into
/// empty tables of the same shape, with or without the real tables' keys and triggers.
async fn copy_baseline(hq: &Hq, keys: Keys) -> Duration {
    let client = hq.client().await;
    let mut dumps = Vec::new();
    for table in TABLES {
        let copy_of = format!(
            "bench_{}_{}",
            table.replace('.', "_"),
            if keys == Keys::Same { "keyed" } else { "bare" }
        );
        client
            .batch_execute(&format!(
                "CREATE TABLE {copy_of} (LIKE {table} INCLUDING ALL)"
            ))
            .await
            .expect("an empty copy of the table");
        if keys == Keys::Same {
            let definitions = client
                .query(
                    "SELECT format('ALTER TABLE %s ADD %s', $2::text, pg_get_constraintdef(oid)) \
                     FROM pg_constraint WHERE conrelid = $1::text::regclass AND contype = 'f' \
                     UNION ALL \
                     SELECT replace(pg_get_triggerdef(oid), ' ON ' || $1 || ' ', \
                       ' ON ' || $2 || ' ') \
                     FROM pg_trigger WHERE tgrelid = $1::text::regclass AND NOT tgisinternal",
                    &[&table, &copy_of],
                )
                .await
                .expect("the table's keys and triggers");
            for definition in definitions {
                client
                    .batch_execute(definition.get::<_, &str>(0))
                    .await
                    .expect("the same key or trigger on the copy");
            }
        }
        let mut rows = Vec::new();
        let stream = client
            .copy_out(&format!("COPY {table} TO STDOUT (FORMAT binary)"))
            .await
            .expect("copy out");
        futures_util::pin_mut!(stream);
        while let Some(chunk) = stream.next().await {
            rows.extend_from_slice(&chunk.expect("a chunk"));
        }
        dumps.push((copy_of, rows));
    }
    let started = Instant::now();
    let tx_client = hq.client().await;
    tx_client.batch_execute("BEGIN").await.expect("begin");
    for (copy_of, rows) in &dumps {
        let sink = tx_client
            .copy_in(&format!("COPY {copy_of} FROM STDIN (FORMAT binary)"))
            .await
            .expect("copy in");
        futures_util::pin_mut!(sink);
        sink.send(bytes(rows)).await.expect("send the rows");
        sink.finish().await.expect("finish the copy");
    }
    tx_client.batch_execute("COMMIT").await.expect("commit");
    started.elapsed()
}

fn bytes(rows: &[u8]) -> std::io::Cursor<Vec<u8>> {
    std::io::Cursor::new(rows.to_vec())
}
