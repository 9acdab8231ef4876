//! One client connection: read each request, draw its fate, carry the fate out.
//!
//! The fate is drawn per request, not per connection, so a client that keeps one connection
//! alive still meets faults. Each request goes to HQ over a fresh connection that is closed
//! once the response is read: an idle upstream connection HQ chose to close can then never
//! turn into a fault the plan did not ask for.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::Ordering;

use tokio::io::AsyncWriteExt;
use tokio::net::TcpStream;

use super::Shared;
use super::http::{HttpError, Kind, Message, MessageReader};
use super::plan::{Fate, Outcome};
use super::stats::Counter;

/// Whether the client connection stays open for another request.
enum Next {
    KeepOpen,
    Close,
}

pub(super) async fn serve(mut client: TcpStream, shared: Arc<Shared>) {
    let mut offline = shared.offline.subscribe();
    let mut reader = MessageReader::default();
    loop {
        let read = tokio::select! {
            read = reader.next(&mut client, Kind::Request) => read,
            // Going offline also ends open connections, so a client's pooled keep-alive
            // connection cannot outlive the outage.
            _ = offline.wait_for(|offline| *offline) => {
                shared.counters.bump(Counter::RefusedOffline);
                return;
            }
        };
        let request = match read {
            Ok(Some(request)) => request,
            Ok(None) => return,
            Err(error) => {
                tracing::debug!(%error, "unreadable request from the client; closing");
                return;
            }
        };
        // The read and the switch to offline can be ready together.
        if *shared.offline.borrow() {
            shared.counters.bump(Counter::RefusedOffline);
            return;
        }
        let index = shared.next_request.fetch_add(1, Ordering::Relaxed);
        let fate = shared.plan.borrow().fate(index);
        shared.counters.bump(Counter::Requests);
        tracing::debug!(index, ?fate, "request");
        match exchange(&mut client, &request, fate, &shared).await {
            Next::KeepOpen => {}
            Next::Close => return,
        }
    }
}

async fn exchange(client: &mut TcpStream, request: &Message, fate: Fate, shared: &Shared) -> Next {
    let counters = &shared.counters;
    if let Some(delay) = fate.delay {
        counters.bump(Counter::Delayed);
        tokio::time::sleep(delay.before_request).await;
    }
    match fate.outcome {
        Outcome::DropBeforeRequest => {
            counters.bump(Counter::DroppedBeforeRequest);
            return Next::Close;
        }
        Outcome::ResetBeforeRequest => {
            counters.bump(Counter::ResetsBeforeRequest);
            arm_reset(client);
            return Next::Close;
        }
        _ => {}
    }

    let response = match round_trip(shared.upstream, request).await {
        Ok(response) => response,
        Err(error) => {
            tracing::debug!(%error, "exchange with upstream failed; closing the client");
            counters.bump(Counter::UpstreamFailures);
            return Next::Close;
        }
    };
    if let Some(delay) = fate.delay {
        tokio::time::sleep(delay.before_response).await;
    }

    match fate.outcome {
        Outcome::DropAfterRequest => {
            counters.bump(Counter::DroppedAfterRequest);
            Next::Close
        }
        Outcome::ResetAfterRequest => {
            counters.bump(Counter::ResetsAfterRequest);
            arm_reset(client);
            Next::Close
        }
        Outcome::CutResponse => {
            counters.bump(Counter::CutResponses);
            let half = &response.bytes[..response.bytes.len() / 2];
            if let Err(error) = client.write_all(half).await {
                tracing::debug!(%error, "client went away before its cut response");
            }
            Next::Close
        }
        Outcome::Forward | Outcome::DropBeforeRequest | Outcome::ResetBeforeRequest => {
            counters.bump(Counter::Forwarded);
            if let Err(error) = client.write_all(&response.bytes).await {
                tracing::debug!(%error, "client went away before its response");
                return Next::Close;
            }
            if request.closes || response.closes {
                Next::Close
            } else {
                Next::KeepOpen
            }
        }
    }
}

/// Sends the request to HQ on a fresh connection and reads HQ's whole response.
async fn round_trip(upstream: SocketAddr, request: &Message) -> Result<Message, HttpError> {
    let mut hq = TcpStream::connect(upstream).await?;
    hq.write_all(&request.bytes).await?;
    let kind = Kind::Response {
        to_head: request.is_head,
    };
    MessageReader::default()
        .next(&mut hq, kind)
        .await?
        .ok_or(HttpError::Truncated)
}

/// Makes closing the client send an RST instead of a FIN: the abortive close a crashed
/// router or a NAT timeout produces.
fn arm_reset(client: &TcpStream) {
    // SO_LINGER set to zero: the equivalent of `set_linger(Some(Duration::ZERO))`, which
    // tokio deprecates because a non-zero linger blocks the thread on drop.
    if let Err(error) = client.set_zero_linger() {
        tracing::debug!(%error, "could not arm the reset; the client gets a plain close");
    }
}
