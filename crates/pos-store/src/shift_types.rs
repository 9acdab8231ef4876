//! The shift's shapes live in `sync-protocol`, because HQ reads the Z report back.

pub use sync_protocol::shift::*;
