//! How fast HQ applies pushed sales (each with its lines, payments, stock movements,
//! journal entry and store-credit change, re-priced and checked), with 1, 10 and 50
//! terminals pushing at once, against PostgreSQL's `COPY` of exactly the rows the push
//! wrote, into empty tables of the same shape, in the same run and database.
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
    println!("terminals  sales  push (s)  sales/s   COPY (s)  sales/s   ratio");
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

    let copy = copy_baseline(&hq).await;
    let rate = |elapsed: Duration| pushed as f64 / elapsed.as_secs_f64();
    println!(
        "{terminals:>9}  {pushed:>5}  {:>8.2}  {:>7.0}   {:>8.3}  {:>7.0}  {:>5.1}x",
        push.as_secs_f64(),
        rate(push),
        copy.as_secs_f64(),
        rate(copy),
        push.as_secs_f64() / copy.as_secs_f64()
    );
    hq.drop_database().await;
}

/// Copies out every row the push wrote, then times `COPY ... FROM STDIN` of them into
/// empty tables of the same shape (`LIKE ... INCLUDING ALL`: same columns, defaults,
/// checks and indexes; no foreign keys or triggers, which is what makes COPY the floor).
async fn copy_baseline(hq: &Hq) -> Duration {
    let client = hq.client().await;
    let mut dumps = Vec::new();
    for table in TABLES {
        let copy_of = format!("bench_{}", table.replace('.', "_"));
        client
            .batch_execute(&format!(
                "CREATE TABLE {copy_of} (LIKE {table} INCLUDING ALL)"
            ))
            .await
            .expect("an empty copy of the table");
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
