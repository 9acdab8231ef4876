//! The ledger's rules, one query each. Every query answers (subject, detail) rows, one per
//! record that breaks the rule; amounts are cast to text so they print exactly.

pub struct Check {
    pub name: &'static str,
    pub sql: &'static str,
}

pub const CHECKS: &[Check] = &[
    Check {
        name: "entry_unbalanced",
        sql: "SELECT 'journal entry ' || e.id || ' (' || e.description || ')', \
                'debits ' || sum(l.debit) || ' but credits ' || sum(l.credit) \
              FROM acct.journal_entries e JOIN acct.journal_lines l ON l.journal_entry_id = e.id \
              GROUP BY e.id HAVING sum(l.debit) <> sum(l.credit) ORDER BY e.id",
    },
    Check {
        name: "sale_entries",
        sql: "SELECT s.kind || ' ' || s.receipt_no || ' (terminal ' || t.code || ')', \
                count(e.id) || ' journal entries, where there must be exactly one' \
              FROM pos.sales s JOIN pos.terminals t ON t.id = s.terminal_id \
              LEFT JOIN acct.journal_entries e \
                ON e.source_id = s.id AND e.source_type IN ('sale', 'refund') \
              GROUP BY s.id, t.code HAVING count(e.id) <> 1 ORDER BY s.receipt_no",
    },
    Check {
        name: "entry_without_sale",
        sql: "SELECT 'journal entry ' || e.id || ' (' || e.description || ')', \
                'it books ' || e.source_type || ' ' || e.source_id || ', which is not in pos.sales' \
              FROM acct.journal_entries e \
              WHERE e.source_type IN ('sale', 'refund') \
                AND NOT EXISTS (SELECT 1 FROM pos.sales s WHERE s.id = e.source_id) \
              ORDER BY e.id",
    },
    Check {
        name: "entry_amount",
        sql: "SELECT s.kind || ' ' || s.receipt_no, \
                'its journal entry moves ' || COALESCE(sum(l.debit), 0) || \
                ' but the ' || s.kind || ' totals ' || s.total \
              FROM pos.sales s \
              JOIN acct.journal_entries e \
                ON e.source_id = s.id AND e.source_type IN ('sale', 'refund') \
              LEFT JOIN acct.journal_lines l ON l.journal_entry_id = e.id \
              GROUP BY s.id HAVING COALESCE(sum(l.debit), 0) <> abs(s.total) \
              ORDER BY s.receipt_no",
    },
    Check {
        name: "payments",
        sql: "SELECT s.kind || ' ' || s.receipt_no, \
                'payments add up to ' || COALESCE(sum(p.amount), 0) || \
                ' but the ' || s.kind || ' says ' || s.paid_total || ' was paid' \
              FROM pos.sales s LEFT JOIN pos.payments p ON p.sale_id = s.id \
              GROUP BY s.id HAVING COALESCE(sum(p.amount), 0) <> s.paid_total \
              ORDER BY s.receipt_no",
    },
    Check {
        name: "lines",
        sql: "SELECT s.kind || ' ' || s.receipt_no, \
                'lines add up to ' || COALESCE(sum(l.line_total), 0) || \
                ' but the ' || s.kind || ' totals ' || s.total \
              FROM pos.sales s LEFT JOIN pos.sale_lines l ON l.sale_id = s.id \
              GROUP BY s.id HAVING COALESCE(sum(l.line_total), 0) <> s.total \
              ORDER BY s.receipt_no",
    },
    Check {
        name: "orphan_rows",
        sql: "SELECT 'payment ' || p.id, 'its sale ' || p.sale_id || ' is not in pos.sales' \
              FROM pos.payments p WHERE NOT EXISTS (SELECT 1 FROM pos.sales s WHERE s.id = p.sale_id) \
              UNION ALL \
              SELECT 'sale line ' || l.id, 'its sale ' || l.sale_id || ' is not in pos.sales' \
              FROM pos.sale_lines l WHERE NOT EXISTS (SELECT 1 FROM pos.sales s WHERE s.id = l.sale_id) \
              UNION ALL \
              SELECT 'stock movement ' || m.id, 'its sale ' || m.sale_id || ' is not in pos.sales' \
              FROM inv.stock_movements m WHERE m.sale_id IS NOT NULL \
                AND NOT EXISTS (SELECT 1 FROM pos.sales s WHERE s.id = m.sale_id) \
              ORDER BY 1",
    },
    Check {
        name: "stock_level",
        sql: "WITH moved AS ( \
                SELECT item_id, location_id, sum(quantity) AS quantity \
                FROM inv.stock_movements GROUP BY item_id, location_id) \
              SELECT i.sku || ' at ' || loc.name, \
                'the level is ' || COALESCE(sl.on_hand, 0) || \
                ' but its movements add up to ' || COALESCE(moved.quantity, 0) \
              FROM moved FULL JOIN inv.stock_levels sl USING (item_id, location_id) \
              JOIN inv.items i ON i.id = item_id \
              JOIN inv.locations loc ON loc.id = location_id \
              WHERE COALESCE(sl.on_hand, 0) <> COALESCE(moved.quantity, 0) \
              ORDER BY i.sku, loc.name",
    },
];
