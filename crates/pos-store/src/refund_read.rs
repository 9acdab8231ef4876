//! What earlier refunds of a sale already gave back, by tender.

use uuid::Uuid;

use crate::sale_read::read_payments;
use crate::{NewPayment, Store, StoreError};

impl Store {
    /// The payments of every refund of `sale_id` (negative amounts), oldest first, so a new
    /// refund can give back to each original tender only what is left of it.
    pub fn refund_payments_of(&self, sale_id: Uuid) -> Result<Vec<NewPayment>, StoreError> {
        let refunds: Vec<String> = self
            .conn
            .prepare_cached("SELECT id FROM sales WHERE refund_of = ?1 ORDER BY receipt_seq")?
            .query_map([sale_id.to_string()], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        let mut payments = Vec::new();
        for refund in refunds {
            let id = crate::convert::uuid("sales.id", &refund)?;
            payments.extend(read_payments(&self.conn, id)?);
        }
        Ok(payments)
    }
}
