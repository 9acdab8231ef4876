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
    Check {
        name: "journal_chain",
        sql: "WITH links AS ( \
                SELECT l.*, t.code, \
                  lag(l.hash) OVER w AS before_hash, lag(l.position) OVER w AS before_position \
                FROM pos.journal_links l JOIN pos.terminals t ON t.id = l.terminal_id \
                WINDOW w AS (PARTITION BY l.terminal_id ORDER BY l.position)), \
              judged AS ( \
                SELECT code, position, kind, record_id, CASE \
                  WHEN hash <> encode(sha256(convert_to('tally-chain-v1' || E'\\n' || position \
                      || E'\\n' || kind || E'\\n' || business_date::text || E'\\n' || prev_hash \
                      || E'\\n' || content_hash, 'UTF8')), 'hex') \
                    THEN 'its hash is not the hash of its fields: the link was altered at HQ' \
                  WHEN outcome = 'broken' THEN NULL \
                  WHEN position <> COALESCE(before_position, 0) + 1 \
                    THEN 'it follows link ' || COALESCE(before_position, 0) \
                      || ': links are missing at HQ' \
                  WHEN prev_hash <> COALESCE(before_hash, repeat('0', 64)) \
                    THEN 'it does not follow the link before it' \
                  WHEN content_hash <> encode(sha256(convert_to(content, 'UTF8')), 'hex') \
                    THEN 'the content stored for it no longer matches its hash' \
                END AS problem FROM links) \
              SELECT 'terminal ' || code || ' journal link ' || position || ' (' || kind \
                || ' ' || record_id || ')', problem \
              FROM judged WHERE problem IS NOT NULL ORDER BY code, position",
    },
    Check {
        name: "journal_break",
        sql: "SELECT 'terminal ' || t.code || ' journal link ' || l.position || ' (' || l.kind \
                || ' ' || l.record_id || ')', \
                'refused as ' || l.break_code || ' when it arrived: ' || p.message \
              FROM pos.journal_links l JOIN pos.terminals t ON t.id = l.terminal_id \
              JOIN pos.push_log p ON p.terminal_id = l.terminal_id AND p.seq = l.seq \
              WHERE l.outcome = 'broken' ORDER BY t.code, l.position",
    },
    Check {
        name: "journal_record",
        sql: "SELECT 'terminal ' || t.code || ' journal link ' || l.position || ' (' \
                || (l.content::jsonb ->> 4) || ' ' || (l.content::jsonb ->> 2) || ')', \
                CASE WHEN s.id IS NULL THEN 'the journal holds it but pos.sales does not' \
                  ELSE 'the journal says it totals ' \
                    || ((l.content::jsonb ->> 15)::numeric / 100) \
                    || ' but pos.sales says ' || s.total END \
              FROM pos.journal_links l JOIN pos.terminals t ON t.id = l.terminal_id \
              LEFT JOIN pos.sales s ON s.id::text = l.record_id \
              WHERE l.kind = 'sale' AND l.outcome = 'applied' \
                AND (s.id IS NULL OR (l.content::jsonb ->> 15)::numeric / 100 <> s.total) \
              UNION ALL \
              SELECT 'terminal ' || t.code || ' journal link ' || l.position \
                || ' (void ' || l.record_id || ')', \
                'the journal holds it but pos.voids does not' \
              FROM pos.journal_links l JOIN pos.terminals t ON t.id = l.terminal_id \
              WHERE l.kind = 'void' AND l.outcome = 'applied' \
                AND NOT EXISTS (SELECT 1 FROM pos.voids v WHERE v.id::text = l.record_id) \
              ORDER BY 1",
    },
];
