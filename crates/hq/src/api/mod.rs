//! HQ's HTTP API: JSON under `/api/v1`, described by the OpenAPI document at
//! `/api/v1/openapi.json` (generated from these handlers and the protocol types, so it
//! cannot drift from the code). Terminals sync (`handlers.rs`, authenticated by their
//! token); admins manage terminals, users and prices and read the audit log (`admin.rs`,
//! under `/api/v1/admin`, each handler stating its permission to `session.rs`). Handlers
//! are thin: check, call the library, map the error. HQ keeps no state of its own between
//! requests but three throttles (wrong pairing codes, wrong passwords, refused e-mail
//! addresses: `throttle.rs`), so any number of `hq serve` processes can run over one
//! database.

mod admin;
mod error;
mod extract;
mod handlers;
mod openapi;
mod session;
mod throttle;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::StatusCode;
use axum::routing::{get, post, put};
use deadpool_postgres::Pool;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

pub use error::ApiError;
pub use openapi::openapi_json;
pub use throttle::{
    EMAIL_REFUSALS, LOGIN_ATTEMPTS_PER_ADDRESS, PAIRING_ATTEMPTS, PAIRING_WINDOW, Throttle,
};

/// Largest request body: a full push batch of large sales fits with room to spare.
pub const MAX_BODY_BYTES: usize = 8 * 1024 * 1024;
/// A request that takes longer is answered 408 (and its transaction rolled back).
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

#[derive(Clone)]
pub struct AppState {
    pub pool: Pool,
    /// Wrong pairing codes per client address (see `throttle.rs`).
    pub pairing: Arc<Throttle>,
    /// Wrong passwords per client address, whichever accounts they tried.
    pub logins: Arc<Throttle>,
    /// New users refused per signed-in user because their e-mail address has an account.
    pub email_refusals: Arc<Throttle<uuid::Uuid>>,
}

impl std::fmt::Debug for AppState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppState").finish_non_exhaustive()
    }
}

/// The whole HTTP application.
pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/healthz", get(handlers::healthz))
        .route("/readyz", get(handlers::readyz))
        .route("/api/v1/openapi.json", get(handlers::openapi))
        .route("/api/v1/pair", post(handlers::pair))
        .route("/api/v1/rekey", post(handlers::rekey))
        .route("/api/v1/push", post(handlers::push))
        .route("/api/v1/catalog", get(handlers::catalog))
        .route("/api/v1/stock", get(handlers::stock))
        .route("/api/v1/admin/login", post(admin::login))
        .route("/api/v1/admin/logout", post(admin::logout))
        .route(
            "/api/v1/admin/terminals",
            get(admin::list_terminals).post(admin::add_terminal),
        )
        .route(
            "/api/v1/admin/terminals/{terminal}/revoke",
            post(admin::revoke_terminal),
        )
        .route(
            "/api/v1/admin/users",
            get(admin::list_users).post(admin::add_user),
        )
        .route(
            "/api/v1/admin/users/{user}/disable",
            post(admin::disable_user),
        )
        .route("/api/v1/admin/users/{user}/pin", put(admin::set_pin))
        .route("/api/v1/admin/items/{sku}/price", put(admin::set_price))
        .route("/api/v1/admin/audit", get(admin::audit_log))
        .fallback(handlers::not_found)
        .method_not_allowed_fallback(handlers::method_not_allowed)
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            REQUEST_TIMEOUT,
        ))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

/// Serves `router` on `listener` until `shutdown` resolves; requests in flight finish.
pub async fn serve(
    listener: tokio::net::TcpListener,
    pool: Pool,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let state = AppState {
        pool,
        pairing: Arc::new(Throttle::pairing()),
        logins: Arc::new(Throttle::logins()),
        email_refusals: Arc::new(Throttle::email_refusals()),
    };
    // The client's address reaches the handlers (the pairing throttle counts by it).
    let app = router(state).into_make_service_with_connect_info::<SocketAddr>();
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await
}
