//! The OpenAPI 3 document, generated from the handlers' annotations and the protocol
//! types.

use std::sync::OnceLock;

use sync_protocol::api::{PROTOCOL_HEADER, PROTOCOL_VERSION};
use utoipa::openapi::schema::{ObjectBuilder, Type};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use super::{admin, handlers};

#[derive(OpenApi)]
#[openapi(
    info(title = "Tally HQ API", description = "Terminals push their outbox and pull catalog and stock; admins sign in to manage terminals, users and prices and to read the audit log."),
    paths(handlers::healthz, handlers::readyz, handlers::pair, handlers::rekey, handlers::push,
          handlers::catalog, handlers::stock,
          admin::login, admin::logout, admin::list_terminals, admin::add_terminal,
          admin::revoke_terminal, admin::list_users, admin::add_user, admin::disable_user,
          admin::set_pin, admin::set_price, admin::audit_log),
    modifiers(&BearerTokens, &ProtocolHeader, &RefusalCodes)
)]
struct ApiDoc;

struct BearerTokens;

impl Modify for BearerTokens {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        for name in ["terminal_token", "session_token"] {
            components.add_security_scheme(
                name,
                SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
            );
        }
    }
}

/// The protocol header takes exactly this HQ's version: a client (or a fuzzer) reading the
/// document knows any other value is refused (426).
struct ProtocolHeader;

impl Modify for ProtocolHeader {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let version = ObjectBuilder::new()
            .schema_type(Type::Integer)
            .enum_values(Some([PROTOCOL_VERSION]))
            .build();
        for item in openapi.paths.paths.values_mut() {
            let operations = [&mut item.get, &mut item.post, &mut item.put];
            for operation in operations.into_iter().flatten() {
                for parameter in operation.parameters.iter_mut().flatten() {
                    if parameter.name == PROTOCOL_HEADER {
                        parameter.schema = Some(version.clone().into());
                    }
                }
            }
        }
    }
}

/// The push answers each refused record with a stable code: the document lists them, so a
/// till's developer (and an operator reading dead letters) knows what each means.
struct RefusalCodes;

impl Modify for RefusalCodes {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let Some(push) = openapi
            .paths
            .paths
            .get_mut("/api/v1/push")
            .and_then(|item| item.post.as_mut())
        else {
            return;
        };
        let mut text = push.description.clone().unwrap_or_default();
        text.push_str(
            "\n\nA record HQ refuses is answered `rejected` with one of these codes (it becomes \
             a dead letter and the records behind it go on):\n",
        );
        for (code, meaning) in crate::sync::REFUSAL_CODES {
            text.push_str(&format!("\n- `{code}`: {meaning}"));
        }
        push.description = Some(text);
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
