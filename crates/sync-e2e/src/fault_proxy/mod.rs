//! A fault-injecting TCP proxy for the HTTP/1.1 traffic between a terminal and HQ on
//! loopback, to prove that sales are pushed exactly once whatever the network does.
//!
//! Point the terminal at [`FaultProxy::url`] instead of HQ. Each request's fate is drawn
//! from the [`FaultPlan`]'s seed: forwarded, dropped before or after HQ saw it, answered by
//! half a response, reset, or delayed. [`FaultProxy::set_plan`] and
//! [`FaultProxy::set_offline`] change the network while a test runs; [`FaultProxy::stats`]
//! tells the test which faults really happened.

mod connection;
mod http;
mod plan;
mod stats;

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::sync::atomic::AtomicU64;
use std::time::Duration;

use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::{JoinHandle, JoinSet};

pub use plan::FaultPlan;
pub use stats::FaultStats;
use stats::{Counter, Counters};

/// A running proxy on `127.0.0.1`. Dropping it stops it too, without waiting.
#[derive(Debug)]
pub struct FaultProxy {
    addr: SocketAddr,
    shared: Arc<Shared>,
    shutdown: watch::Sender<bool>,
    accept_task: JoinHandle<()>,
}

/// What the accept loop and every connection task share.
#[derive(Debug)]
struct Shared {
    upstream: SocketAddr,
    plan: watch::Sender<FaultPlan>,
    offline: watch::Sender<bool>,
    counters: Counters,
    /// Index of the next request handed to the plan, which seeds its fate.
    next_request: AtomicU64,
}

impl FaultProxy {
    /// Starts a proxy to `upstream` on a free loopback port.
    ///
    /// HQ need not be up yet: while it is down, each request's connection is closed.
    pub async fn start(upstream: SocketAddr, plan: FaultPlan) -> std::io::Result<FaultProxy> {
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).await?;
        let addr = listener.local_addr()?;
        let shared = Arc::new(Shared {
            upstream,
            plan: watch::Sender::new(plan),
            offline: watch::Sender::new(false),
            counters: Counters::default(),
            next_request: AtomicU64::new(0),
        });
        let shutdown = watch::Sender::new(false);
        let accept_task = tokio::spawn(accept_loop(
            listener,
            Arc::clone(&shared),
            shutdown.subscribe(),
        ));
        tracing::debug!(%addr, %upstream, ?plan, "fault proxy started");
        Ok(FaultProxy {
            addr,
            shared,
            shutdown,
            accept_task,
        })
    }

    /// The address clients connect to.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The base URL to give a terminal in place of HQ's, e.g. `http://127.0.0.1:41234`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Applies `plan` to every request read from now on, on open connections too.
    pub fn set_plan(&self, plan: FaultPlan) {
        self.shared.plan.send_replace(plan);
    }

    /// While offline, every new connection is accepted and closed at once and open ones are
    /// closed, so the terminal sees HQ as unreachable. Nothing is forwarded.
    pub fn set_offline(&self, offline: bool) {
        self.shared.offline.send_replace(offline);
    }

    /// What the proxy has done since it started.
    pub fn stats(&self) -> FaultStats {
        self.shared.counters.snapshot()
    }

    /// Stops accepting, closes every open connection and waits until all of it is done.
    pub async fn shutdown(self) {
        self.shutdown.send_replace(true);
        if let Err(error) = self.accept_task.await {
            tracing::warn!(%error, "fault proxy accept loop ended abnormally");
        }
    }
}

async fn accept_loop(
    listener: TcpListener,
    shared: Arc<Shared>,
    mut shutdown: watch::Receiver<bool>,
) {
    let mut connections = JoinSet::new();
    loop {
        let accepted = tokio::select! {
            // An error means the FaultProxy was dropped: stop as well.
            _ = shutdown.wait_for(|stop| *stop) => break,
            accepted = listener.accept() => accepted,
        };
        // Reap finished connections so a long test does not accumulate them.
        while connections.try_join_next().is_some() {}
        let client = match accepted {
            Ok((client, _peer)) => client,
            Err(error) => {
                // Such as running out of file descriptors: back off rather than spin.
                tracing::warn!(%error, "fault proxy accept failed");
                tokio::time::sleep(Duration::from_millis(10)).await;
                continue;
            }
        };
        shared.counters.bump(Counter::Connections);
        if *shared.offline.borrow() {
            shared.counters.bump(Counter::RefusedOffline);
            drop(client);
            continue;
        }
        connections.spawn(connection::serve(client, Arc::clone(&shared)));
    }
    connections.shutdown().await;
}

#[cfg(test)]
mod tests;
