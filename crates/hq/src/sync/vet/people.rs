//! The people a record names: each must be a user of the terminal's organization, and an
//! approver (of an override, a void, a stock change) one whose role may approve. An id
//! that exists in another organization and one that exists nowhere get the same answer,
//! so a till learns nothing about other organizations.

use std::collections::HashMap;

use deadpool_postgres::Transaction;
use uuid::Uuid;

use crate::sync::Refusal;
use crate::sync::refusal::ApplyError;
use crate::terminals::AuthedTerminal;

/// The refusal code of a user who is not in this organization.
pub const UNKNOWN_USER: &str = "unknown_user";
/// The refusal code of an approver whose role approves nothing.
pub const NOT_A_MANAGER: &str = "not_a_manager";

const PEOPLE_SQL: &str = "SELECT user_id, bool_or(role <> 'cashier') FROM core.user_org_roles \
     WHERE organization_id = $1 AND user_id = ANY($2) GROUP BY user_id";

/// Who does what in a record: `(what they did, who, must they be a manager)`.
pub type Named<'a> = (&'a str, Uuid, bool);

/// Refuses the record when one of `named` is not a user of the organization, or is not a
/// manager where one is needed (HQ's owners and admins are managers at the till).
pub async fn check(
    tx: &Transaction<'_>,
    terminal: AuthedTerminal,
    named: &[Named<'_>],
) -> Result<(), ApplyError> {
    if named.is_empty() {
        return Ok(());
    }
    let ids: Vec<Uuid> = named.iter().map(|(_, id, _)| *id).collect();
    let rows = tx
        .query(
            &tx.prepare_cached(PEOPLE_SQL).await?,
            &[&terminal.organization_id, &ids],
        )
        .await?;
    let roles: HashMap<Uuid, bool> = rows.iter().map(|r| (r.get(0), r.get(1))).collect();
    for (what, id, needs_manager) in named {
        match roles.get(id) {
            None => {
                return Err(Refusal::new(
                    UNKNOWN_USER,
                    format!("{what} {id} is not a user of this organization"),
                )
                .into());
            }
            Some(false) if *needs_manager => {
                return Err(Refusal::new(
                    NOT_A_MANAGER,
                    format!("{what} {id} is not a manager of this organization"),
                )
                .into());
            }
            Some(_) => {}
        }
    }
    Ok(())
}
