//! Getting bytes to a printer: where it is, and sending to it.

pub(crate) mod address;
mod chunks;
pub(crate) mod device;
mod file;
pub(crate) mod send;
mod tcp;
