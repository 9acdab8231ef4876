//! Opening the cash drawer without a sale ("no sale"): a manager's decision, always audited.
//! The pulse to the drawer itself belongs to the printer layer; this is the rule and the trace.

use crate::staff::Staff;
use crate::{Terminal, TerminalError};

impl Terminal {
    /// Records a no-sale drawer opening by `by`, approved by `manager`.
    pub fn no_sale(
        &mut self,
        by: &Staff,
        manager: &Staff,
        reason: &str,
    ) -> Result<(), TerminalError> {
        if !manager.is_manager() {
            return Err(TerminalError::NeedsManager(format!(
                "{} is not a manager (opening the drawer without a sale)",
                manager.name
            )));
        }
        self.audit(Some(by.id), Some(manager.id), "no_sale", reason.trim())
    }
}
