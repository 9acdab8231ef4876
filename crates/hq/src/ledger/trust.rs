//! The ledger's rules for what a till could only have slipped past the push's checks
//! (`sync/vet/`) by a bug, an older HQ that did not check, or a hand edit: payments that go
//! the wrong way, lines priced off the catalog's history with no approval, refunds that do
//! not give back what their line sold, sale movements that do not follow from the lines,
//! and rows that name another organization's records.

use super::queries::Check;

pub const CHECKS: &[Check] = &[
    Check {
        name: "payment_direction",
        sql: "SELECT s.kind || ' ' || s.receipt_no, \
                'payment ' || p.method || ' ' || p.amount || ' goes the wrong way for a ' \
                  || s.kind \
              FROM pos.payments p JOIN pos.sales s ON s.id = p.sale_id \
              WHERE (s.kind = 'sale' AND p.amount <= 0) OR (s.kind = 'refund' AND p.amount >= 0) \
              UNION ALL \
              SELECT s.kind || ' ' || s.receipt_no, \
                'change ' || s.change_given || ' but ' || COALESCE(c.cash, 0) \
                  || ' was tendered in cash' \
              FROM pos.sales s \
              LEFT JOIN LATERAL (SELECT sum(p.amount) AS cash FROM pos.payments p \
                WHERE p.sale_id = s.id AND p.method = 'cash') c ON true \
              WHERE s.change_given > 0 \
                AND (s.kind = 'refund' OR s.change_given > COALESCE(c.cash, 0)) \
              ORDER BY 1",
    },
    Check {
        name: "line_price",
        sql: "SELECT 'sale ' || s.receipt_no || ' line ' || l.line_no, \
                'sold at ' || l.unit_price || ' (tax ' || l.tax_rate || ') where the catalog at \
                  version ' || s.catalog_version || ' says ' || COALESCE(p.price::text, 'no \
                  such item') || ' (tax ' || COALESCE(r.rate::text, 'none') || '), with no \
                  approval' \
              FROM pos.sales s JOIN pos.sale_lines l ON l.sale_id = s.id \
              LEFT JOIN LATERAL (SELECT h.price, h.price_includes_tax, h.tax_rate_id \
                FROM inv.item_prices h \
                WHERE h.item_id = l.item_id AND h.from_version <= s.catalog_version \
                ORDER BY h.from_version DESC LIMIT 1) p ON true \
              LEFT JOIN LATERAL (SELECT t.rate FROM pos.tax_rate_history t \
                WHERE t.tax_rate_id = p.tax_rate_id AND t.from_version <= s.catalog_version \
                ORDER BY t.from_version DESC LIMIT 1) r ON true \
              WHERE s.kind = 'sale' AND s.catalog_version IS NOT NULL AND s.approved_by IS NULL \
                AND (p.price IS NULL OR r.rate IS NULL OR p.price <> l.unit_price \
                  OR p.price_includes_tax <> l.price_includes_tax OR r.rate <> l.tax_rate) \
              UNION ALL \
              SELECT 'sale ' || s.receipt_no, \
                'approved by ' || s.approved_by || ', who is not a manager of its organization' \
              FROM pos.sales s WHERE s.approved_by IS NOT NULL AND NOT EXISTS ( \
                SELECT 1 FROM core.user_org_roles r WHERE r.user_id = s.approved_by \
                  AND r.organization_id = s.organization_id AND r.role <> 'cashier') \
              ORDER BY 1",
    },
    Check {
        name: "refund_line",
        sql: "SELECT 'refund ' || s.receipt_no || ' line ' || l.line_no, \
                'it gives back line ' || o.id || ', which is another sale''s, item, price or tax' \
              FROM pos.sale_lines l JOIN pos.sales s ON s.id = l.sale_id \
              JOIN pos.sale_lines o ON o.id = l.refund_of_line \
              WHERE o.sale_id IS DISTINCT FROM s.refund_of OR o.item_id <> l.item_id \
                OR o.unit_price <> l.unit_price OR o.tax_rate <> l.tax_rate \
                OR o.price_includes_tax <> l.price_includes_tax \
              UNION ALL \
              SELECT 'sale line ' || o.id, \
                'it sold ' || o.quantity || ' but refunds give back ' || sum(r.quantity) \
              FROM pos.sale_lines o JOIN pos.sale_lines r ON r.refund_of_line = o.id \
              GROUP BY o.id HAVING sum(r.quantity) > o.quantity \
              ORDER BY 1",
    },
    Check {
        name: "sale_movements",
        sql: "WITH sold AS ( \
                SELECT s.id AS sale_id, l.item_id, \
                  sum(CASE WHEN s.kind = 'sale' THEN -l.quantity ELSE l.quantity END) AS quantity \
                FROM pos.sales s JOIN pos.sale_lines l ON l.sale_id = s.id GROUP BY 1, 2), \
              moved AS ( \
                SELECT sale_id, item_id, sum(quantity) AS quantity \
                FROM inv.stock_movements WHERE sale_id IS NOT NULL GROUP BY 1, 2) \
              SELECT s.kind || ' ' || s.receipt_no || ' item ' || i.sku, \
                'its lines move ' || COALESCE(sold.quantity, 0) || ' but its movements ' \
                  || COALESCE(moved.quantity, 0) \
              FROM sold FULL JOIN moved USING (sale_id, item_id) \
              JOIN pos.sales s ON s.id = sale_id JOIN inv.items i ON i.id = item_id \
              WHERE COALESCE(sold.quantity, 0) <> COALESCE(moved.quantity, 0) \
              ORDER BY 1",
    },
    Check {
        name: "other_organization",
        sql: "WITH member AS (SELECT user_id, organization_id FROM core.user_org_roles) \
              SELECT s.kind || ' ' || s.receipt_no || ' line ' || l.line_no, \
                'item ' || l.item_id || ' is another organization''s' \
              FROM pos.sale_lines l JOIN pos.sales s ON s.id = l.sale_id \
              JOIN inv.items i ON i.id = l.item_id WHERE i.organization_id <> s.organization_id \
              UNION ALL \
              SELECT s.kind || ' ' || s.receipt_no, 'it names another organization''s ' || what \
              FROM pos.sales s CROSS JOIN LATERAL (VALUES \
                ('customer', EXISTS (SELECT 1 FROM pos.customers c WHERE c.id = s.customer_id \
                  AND c.organization_id <> s.organization_id)), \
                ('cashier', s.cashier_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM member m \
                  WHERE m.user_id = s.cashier_id AND m.organization_id = s.organization_id)), \
                ('shift', EXISTS (SELECT 1 FROM pos.shifts h WHERE h.id = s.shift_id \
                  AND h.terminal_id <> s.terminal_id)), \
                ('refunded sale', EXISTS (SELECT 1 FROM pos.sales o WHERE o.id = s.refund_of \
                  AND o.organization_id <> s.organization_id)), \
                ('location', EXISTS (SELECT 1 FROM inv.locations c WHERE c.id = s.location_id \
                  AND c.organization_id <> s.organization_id))) AS v (what, bad) \
              WHERE bad \
              UNION ALL \
              SELECT 'stock movement ' || m.id, 'it names another organization''s ' || what \
              FROM inv.stock_movements m JOIN inv.locations loc ON loc.id = m.location_id \
              CROSS JOIN LATERAL (VALUES \
                ('item', EXISTS (SELECT 1 FROM inv.items i WHERE i.id = m.item_id \
                  AND i.organization_id <> loc.organization_id)), \
                ('user', m.user_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM member u \
                  WHERE u.user_id = m.user_id AND u.organization_id = loc.organization_id))) \
                AS v (what, bad) \
              WHERE bad \
              UNION ALL \
              SELECT 'shift ' || h.id, 'it names another organization''s ' || what \
              FROM pos.shifts h CROSS JOIN LATERAL (VALUES \
                ('opener', NOT EXISTS (SELECT 1 FROM member u WHERE u.user_id = h.opened_by \
                  AND u.organization_id = h.organization_id)), \
                ('closer', h.closed_by IS NOT NULL AND NOT EXISTS (SELECT 1 FROM member u \
                  WHERE u.user_id = h.closed_by AND u.organization_id = h.organization_id))) \
                AS v (what, bad) \
              WHERE bad \
              UNION ALL \
              SELECT 'void ' || x.id, 'it names another organization''s ' || what \
              FROM pos.voids x CROSS JOIN LATERAL (VALUES \
                ('shift', EXISTS (SELECT 1 FROM pos.shifts h WHERE h.id = x.shift_id \
                  AND h.terminal_id <> x.terminal_id)), \
                ('cashier', NOT EXISTS (SELECT 1 FROM member u WHERE u.user_id = x.cashier_id \
                  AND u.organization_id = x.organization_id)), \
                ('approver', NOT EXISTS (SELECT 1 FROM member u WHERE u.user_id = x.approved_by \
                  AND u.organization_id = x.organization_id))) AS v (what, bad) \
              WHERE bad \
              ORDER BY 1",
    },
];
