mod support;

use std::io::ErrorKind;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

use super::plan::Outcome;
use super::{FaultPlan, FaultProxy, FaultStats};
use support::{PATIENCE, Upstream, got_nothing, request, response, send_once};

async fn proxy_to(hq: &Upstream, plan: FaultPlan) -> FaultProxy {
    FaultProxy::start(hq.addr, plan).await.unwrap()
}

#[tokio::test]
async fn without_faults_requests_and_responses_pass_byte_for_byte() {
    let hq = Upstream::start().await;
    let proxy = proxy_to(&hq, FaultPlan::none()).await;
    assert_eq!(
        proxy.url(),
        format!("http://127.0.0.1:{}", proxy.addr().port())
    );

    let push = request(r#"{"sale":1}"#, true);
    let answer = send_once(proxy.addr(), &push).await.unwrap();
    assert_eq!(answer, response(br#"{"sale":1}"#));
    assert_eq!(hq.requests(), [push]);

    let addr = proxy.addr();
    proxy.shutdown().await;
    assert!(
        TcpStream::connect(addr).await.is_err(),
        "still listening after shutdown"
    );
}

#[tokio::test]
async fn a_kept_alive_connection_carries_several_requests() {
    let hq = Upstream::start().await;
    let proxy = proxy_to(&hq, FaultPlan::none()).await;
    let mut client = TcpStream::connect(proxy.addr()).await.unwrap();
    for sale in 0..3 {
        let body = format!(r#"{{"sale":{sale}}}"#);
        client.write_all(&request(&body, false)).await.unwrap();
        let expected = response(body.as_bytes());
        let mut answer = vec![0; expected.len()];
        tokio::time::timeout(PATIENCE, client.read_exact(&mut answer))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(answer, expected);
    }
    let stats = proxy.stats();
    assert_eq!(
        (stats.connections, stats.requests, stats.forwarded),
        (1, 3, 3)
    );
    assert_eq!(hq.count(), 3);
}

#[tokio::test]
async fn dropped_before_the_request_hq_never_sees_it() {
    let hq = Upstream::start().await;
    let plan = FaultPlan {
        drop_before_request_pct: 100,
        ..FaultPlan::none()
    };
    let proxy = proxy_to(&hq, plan).await;
    let answer = send_once(proxy.addr(), &request("{}", true)).await;
    assert!(got_nothing(&answer), "{answer:?}");
    assert_eq!(hq.count(), 0);
    assert_eq!(proxy.stats().dropped_before_request, 1);
}

#[tokio::test]
async fn dropped_after_the_request_hq_has_it_but_the_client_hears_nothing() {
    let hq = Upstream::start().await;
    let plan = FaultPlan {
        drop_after_request_pct: 100,
        ..FaultPlan::none()
    };
    let proxy = proxy_to(&hq, plan).await;
    let answer = send_once(proxy.addr(), &request(r#"{"sale":9}"#, true)).await;
    assert!(got_nothing(&answer), "{answer:?}");
    assert_eq!(hq.count(), 1);
    assert_eq!(proxy.stats().dropped_after_request, 1);
}

#[tokio::test]
async fn a_cut_response_is_its_first_half() {
    let hq = Upstream::start().await;
    let plan = FaultPlan {
        cut_response_pct: 100,
        ..FaultPlan::none()
    };
    let proxy = proxy_to(&hq, plan).await;
    let answer = send_once(proxy.addr(), &request(r#"{"sale":2}"#, true))
        .await
        .unwrap();
    let full = response(br#"{"sale":2}"#);
    assert_eq!(answer, full[..full.len() / 2]);
    assert_eq!(hq.count(), 1);
    assert_eq!(proxy.stats().cut_responses, 1);
}

#[tokio::test]
async fn a_reset_reaches_the_client_as_connection_reset() {
    let hq = Upstream::start().await;
    let plan = FaultPlan {
        reset_pct: 100,
        ..FaultPlan::none()
    };
    let proxy = proxy_to(&hq, plan).await;
    for _ in 0..8 {
        let answer = send_once(proxy.addr(), &request("{}", true)).await;
        assert_eq!(answer.unwrap_err().kind(), ErrorKind::ConnectionReset);
    }
    let stats = proxy.stats();
    assert_eq!(stats.resets_before_request + stats.resets_after_request, 8);
    assert!(stats.resets_before_request > 0 && stats.resets_after_request > 0);
    assert_eq!(hq.count(), stats.resets_after_request);
}

#[tokio::test]
async fn a_delayed_exchange_still_arrives_whole() {
    let hq = Upstream::start().await;
    let plan = FaultPlan {
        delay_pct: 100,
        max_delay_ms: 30,
        ..FaultPlan::none()
    };
    let proxy = proxy_to(&hq, plan).await;
    let answer = send_once(proxy.addr(), &request("{}", true)).await.unwrap();
    assert_eq!(answer, response(b"{}"));
    let stats = proxy.stats();
    assert_eq!((stats.delayed, stats.forwarded), (1, 1));
}

#[tokio::test]
async fn offline_refuses_new_connections_and_closes_open_ones_until_back_online() {
    let hq = Upstream::start().await;
    let proxy = proxy_to(&hq, FaultPlan::none()).await;
    let mut pooled = TcpStream::connect(proxy.addr()).await.unwrap();
    pooled.write_all(&request("{}", false)).await.unwrap();
    let mut answer = vec![0; response(b"{}").len()];
    pooled.read_exact(&mut answer).await.unwrap();

    proxy.set_offline(true);
    let closed = tokio::time::timeout(PATIENCE, pooled.read(&mut [0; 1]))
        .await
        .unwrap();
    assert_eq!(
        closed.unwrap(),
        0,
        "the open connection survived going offline"
    );
    let refused = send_once(proxy.addr(), &request("{}", true)).await;
    assert!(got_nothing(&refused), "{refused:?}");
    assert_eq!(hq.count(), 1);

    proxy.set_offline(false);
    let answer = send_once(proxy.addr(), &request("{}", true)).await.unwrap();
    assert_eq!(answer, response(b"{}"));
    assert_eq!(hq.count(), 2);
    assert_eq!(proxy.stats().refused_offline, 2);
}

#[tokio::test]
async fn with_hq_down_the_client_gets_an_error_and_service_resumes_when_it_is_back() {
    let down = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let hq_addr = down.local_addr().unwrap();
    drop(down);
    let proxy = FaultProxy::start(hq_addr, FaultPlan::none()).await.unwrap();
    let answer = send_once(proxy.addr(), &request("{}", true)).await;
    assert!(got_nothing(&answer), "{answer:?}");
    assert_eq!(proxy.stats().upstream_failures, 1);

    let hq = Upstream::on(TcpListener::bind(hq_addr).await.unwrap());
    let answer = send_once(proxy.addr(), &request("{}", true)).await.unwrap();
    assert_eq!(answer, response(b"{}"));
    assert_eq!(hq.count(), 1);
}

#[tokio::test]
async fn a_new_plan_applies_to_the_next_request() {
    let hq = Upstream::start().await;
    let blackhole = FaultPlan {
        drop_before_request_pct: 100,
        ..FaultPlan::none()
    };
    let proxy = proxy_to(&hq, blackhole).await;
    assert!(got_nothing(
        &send_once(proxy.addr(), &request("{}", true)).await
    ));
    proxy.set_plan(FaultPlan::none());
    let answer = send_once(proxy.addr(), &request("{}", true)).await.unwrap();
    assert_eq!(answer, response(b"{}"));
}

#[tokio::test]
async fn stats_count_exactly_the_faults_the_seed_draws() {
    let hq = Upstream::start().await;
    let plan = FaultPlan {
        max_delay_ms: 5,
        ..FaultPlan::hostile(2024)
    };
    let proxy = proxy_to(&hq, plan).await;
    let mut expected = FaultStats::default();
    for index in 0..40 {
        let body = format!(r#"{{"sale":{index}}}"#);
        let answer = send_once(proxy.addr(), &request(&body, true)).await;
        let full = response(body.as_bytes());
        // Requests go one at a time, so request `index` meets the fate drawn for `index`.
        let fate = plan.fate(index);
        expected.connections += 1;
        expected.requests += 1;
        expected.delayed += u64::from(fate.delay.is_some());
        let kind = answer.as_ref().map_err(std::io::Error::kind);
        match fate.outcome {
            Outcome::Forward => {
                expected.forwarded += 1;
                assert_eq!(answer.unwrap(), full);
            }
            Outcome::CutResponse => {
                expected.cut_responses += 1;
                assert_eq!(answer.unwrap(), full[..full.len() / 2]);
            }
            Outcome::DropBeforeRequest => {
                expected.dropped_before_request += 1;
                assert!(got_nothing(&answer), "{answer:?}");
            }
            Outcome::DropAfterRequest => {
                expected.dropped_after_request += 1;
                assert!(got_nothing(&answer), "{answer:?}");
            }
            Outcome::ResetBeforeRequest => {
                expected.resets_before_request += 1;
                assert_eq!(kind.unwrap_err(), ErrorKind::ConnectionReset);
            }
            Outcome::ResetAfterRequest => {
                expected.resets_after_request += 1;
                assert_eq!(kind.unwrap_err(), ErrorKind::ConnectionReset);
            }
        }
    }
    assert_eq!(proxy.stats(), expected);
    let never_sent = expected.dropped_before_request + expected.resets_before_request;
    assert_eq!(hq.count(), 40 - never_sent);
    // This seed draws every kind of fault at least once, so none of them goes untested.
    let counts = [
        expected.forwarded,
        expected.cut_responses,
        expected.dropped_before_request,
        expected.dropped_after_request,
        expected.resets_before_request,
        expected.resets_after_request,
        expected.delayed,
    ];
    assert!(counts.iter().all(|&n| n > 0), "{expected:?}");
}
