//! Applying what terminals push, and answering what they pull.
//!
//! Push ([`push::apply_push`]) follows the protocol rules in BRIEF.md exactly: the
//! terminal's row is locked for the whole batch, a replay returns the stored result, a
//! reused sequence number with other content is an error, a gap stops the batch, a record
//! refused for good is rolled back to its savepoint and logged as refused, and a transient
//! database failure applies nothing. Pull ([`pull`]) reads pages in one snapshot.

mod audit;
mod batch;
mod chain;
mod day;
mod journal;
mod movement;
pub mod pull;
pub mod push;
mod refusal;
mod run;
mod sale;
mod shift;
mod take;
mod vet;
mod void;

pub use push::{PushError, apply_push};
pub use refusal::{Refusal, db_message, is_permanent, refusal_for};
pub use vet::REFUSAL_CODES;
