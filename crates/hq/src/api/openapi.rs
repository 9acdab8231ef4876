//! The OpenAPI 3 document, generated from the handlers' annotations and the protocol
//! types.

use std::sync::OnceLock;

use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use super::handlers;

#[derive(OpenApi)]
#[openapi(
    info(title = "Tally HQ sync API", description = "Terminals push their outbox and pull catalog and stock."),
    paths(handlers::healthz, handlers::readyz, handlers::pair, handlers::push,
          handlers::catalog, handlers::stock),
    modifiers(&TerminalToken)
)]
struct ApiDoc;

struct TerminalToken;

impl Modify for TerminalToken {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "terminal_token",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// The document as JSON text, built once.
pub fn openapi_json() -> String {
    static JSON: OnceLock<String> = OnceLock::new();
    JSON.get_or_init(|| {
        ApiDoc::openapi()
            .to_pretty_json()
            .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
    })
    .clone()
}
