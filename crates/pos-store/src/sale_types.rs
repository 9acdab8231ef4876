//! The sale's shapes live in `sync-protocol`, because HQ reads them back from the outbox.

pub use sync_protocol::sale::*;
