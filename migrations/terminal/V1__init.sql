-- Tally terminal: the local SQLite schema.
--
-- Conventions (see crates/pos-store):
--   * amounts are INTEGER minor units (cents), quantities INTEGER thousandths, tax rates
--     INTEGER parts per million: no REAL column anywhere money or stock flows;
--   * ids are TEXT UUIDs; sales, lines, payments, movements are made here (v7);
--   * timestamps are TEXT, RFC 3339 UTC; business dates are TEXT 'YYYY-MM-DD';
--   * catalog rows (items, tax rates, locations, customers, users) come from HQ and are
--     soft-deleted (deleted = 1) so a pull can carry tombstones;
--   * tables are STRICT so a wrong type is an error, not a silent conversion.

-- This terminal's identity: exactly one row once the terminal is set up.
CREATE TABLE terminal (
    singleton       INTEGER PRIMARY KEY CHECK (singleton = 1),
    terminal_id     TEXT NOT NULL,
    -- Printed in receipt numbers, which HQ checks as [A-Z0-9]{1,8}-NNNNNN.
    code            TEXT NOT NULL
        CHECK (length(code) BETWEEN 1 AND 8 AND code NOT GLOB '*[^A-Z0-9]*'),
    organization_id TEXT NOT NULL,
    location_id     TEXT NOT NULL,
    hq_url          TEXT,
    created_at      TEXT NOT NULL
) STRICT;

CREATE TABLE locations (
    id      TEXT PRIMARY KEY,
    name    TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
) STRICT;

CREATE TABLE tax_rates (
    id       TEXT PRIMARY KEY,
    name     TEXT NOT NULL,
    rate_ppm INTEGER NOT NULL CHECK (rate_ppm BETWEEN 0 AND 999999999),
    deleted  INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
) STRICT;

-- item_no is an explicit INTEGER PRIMARY KEY (an alias of the rowid) because items_fts
-- refers to rows by rowid: a table keyed by TEXT alone may have its rowids renumbered by
-- VACUUM, which would silently detach the full-text index from its rows.
CREATE TABLE items (
    item_no            INTEGER PRIMARY KEY,
    id                 TEXT NOT NULL UNIQUE,
    sku                TEXT NOT NULL UNIQUE,
    barcode            TEXT UNIQUE,
    name               TEXT NOT NULL,
    -- The name folded for "starts with" search: lower case, diacritics removed, spaces
    -- collapsed (made by the store in Rust, the same fold it applies to what is typed).
    name_key           TEXT NOT NULL,
    price              INTEGER NOT NULL CHECK (price >= 0),
    price_includes_tax INTEGER NOT NULL CHECK (price_includes_tax IN (0, 1)),
    tax_rate_id        TEXT NOT NULL REFERENCES tax_rates (id),
    reorder_level      INTEGER,
    is_active          INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1)),
    deleted            INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
) STRICT;

CREATE INDEX items_by_name_key ON items (name_key);

-- Name search as you type: prefix indexes for 1 to 4 characters, diacritics folded so
-- "creme" finds "Crème". External content: the text lives once, in items.
CREATE VIRTUAL TABLE items_fts USING fts5 (
    name,
    content = 'items',
    content_rowid = 'item_no',
    tokenize = "unicode61 remove_diacritics 2",
    prefix = '1 2 3 4'
);

CREATE TRIGGER items_fts_insert AFTER INSERT ON items BEGIN
    INSERT INTO items_fts (rowid, name) VALUES (new.item_no, new.name);
END;

CREATE TRIGGER items_fts_delete AFTER DELETE ON items BEGIN
    INSERT INTO items_fts (items_fts, rowid, name) VALUES ('delete', old.item_no, old.name);
END;

-- Only a change of name touches the index: an upsert from HQ that sets the same name
-- (or only a new price) leaves it alone.
CREATE TRIGGER items_fts_update AFTER UPDATE OF name ON items
WHEN old.name IS NOT new.name BEGIN
    INSERT INTO items_fts (items_fts, rowid, name) VALUES ('delete', old.item_no, old.name);
    INSERT INTO items_fts (rowid, name) VALUES (new.item_no, new.name);
END;

CREATE TABLE customers (
    id           TEXT PRIMARY KEY,
    name         TEXT NOT NULL,
    email        TEXT,
    phone        TEXT,
    store_credit INTEGER NOT NULL DEFAULT 0 CHECK (store_credit >= 0),
    deleted      INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
) STRICT;

CREATE TABLE users (
    id              TEXT PRIMARY KEY,
    name            TEXT NOT NULL,
    role            TEXT NOT NULL CHECK (role IN ('cashier', 'manager')),
    pin_hash        TEXT NOT NULL,
    failed_attempts INTEGER NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0),
    -- PIN lockout is the terminal's own state: HQ's upserts never touch these two.
    locked_until    TEXT,
    deleted         INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
) STRICT;

-- HQ's last known level per item and location; the level shown is this plus the
-- terminal's movements HQ has not acknowledged yet.
CREATE TABLE stock_levels (
    item_id     TEXT NOT NULL REFERENCES items (id),
    location_id TEXT NOT NULL REFERENCES locations (id),
    hq_on_hand  INTEGER NOT NULL,
    PRIMARY KEY (item_id, location_id)
) STRICT;

CREATE TABLE shifts (
    id           TEXT PRIMARY KEY,
    opened_at    TEXT NOT NULL,
    closed_at    TEXT,
    opening_float INTEGER NOT NULL CHECK (opening_float >= 0),
    counted_cash INTEGER,
    opened_by    TEXT NOT NULL REFERENCES users (id),
    closed_by    TEXT REFERENCES users (id),
    CHECK ((closed_at IS NULL) = (closed_by IS NULL))
) STRICT;

-- At most one open shift per terminal.
CREATE UNIQUE INDEX shifts_one_open ON shifts ((closed_at IS NULL)) WHERE closed_at IS NULL;

-- Cash paid into or taken out of the drawer outside a sale (float top-up, bank drop).
CREATE TABLE cash_movements (
    id          TEXT PRIMARY KEY,
    shift_id    TEXT NOT NULL REFERENCES shifts (id),
    direction   TEXT NOT NULL CHECK (direction IN ('in', 'out')),
    amount      INTEGER NOT NULL CHECK (amount > 0),
    reason      TEXT NOT NULL,
    user_id     TEXT NOT NULL REFERENCES users (id),
    occurred_at TEXT NOT NULL
) STRICT;

CREATE INDEX cash_movements_by_shift ON cash_movements (shift_id);

-- sync_status: 'pending' while the sale's outbox record waits, 'applied' once HQ
-- acknowledged it (the record is then deleted), 'rejected' once it became a dead letter.
-- Kept so verify() can still check "one outbox record per pending sale" after pushes.
CREATE TABLE sales (
    id             TEXT PRIMARY KEY,
    receipt_no     TEXT NOT NULL UNIQUE,
    receipt_seq    INTEGER NOT NULL UNIQUE CHECK (receipt_seq >= 1),
    kind           TEXT NOT NULL CHECK (kind IN ('sale', 'refund')),
    refund_of      TEXT REFERENCES sales (id),
    status         TEXT NOT NULL CHECK (status IN ('completed', 'voided')),
    customer_id    TEXT REFERENCES customers (id),
    cashier_id     TEXT NOT NULL REFERENCES users (id),
    shift_id       TEXT REFERENCES shifts (id),
    location_id    TEXT NOT NULL REFERENCES locations (id),
    subtotal       INTEGER NOT NULL,
    discount_total INTEGER NOT NULL,
    tax_total      INTEGER NOT NULL,
    tax_included   INTEGER NOT NULL,
    total          INTEGER NOT NULL,
    paid_total     INTEGER NOT NULL,
    change_given   INTEGER NOT NULL CHECK (change_given >= 0),
    occurred_at    TEXT NOT NULL,
    business_date  TEXT NOT NULL
        CHECK (business_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    sync_status    TEXT NOT NULL DEFAULT 'pending'
        CHECK (sync_status IN ('pending', 'applied', 'rejected')),
    CHECK (total = subtotal - discount_total + tax_total),
    CHECK (total = paid_total - change_given),
    CHECK ((kind = 'refund') = (refund_of IS NOT NULL)),
    -- Amounts are never negative except in a refund, where they all are (as at HQ).
    CHECK ((kind = 'sale' AND subtotal >= 0 AND discount_total >= 0 AND tax_total >= 0
                AND tax_included >= 0 AND total >= 0)
        OR (kind = 'refund' AND subtotal <= 0 AND discount_total <= 0 AND tax_total <= 0
                AND tax_included <= 0 AND total <= 0))
) STRICT;

CREATE INDEX sales_by_business_date ON sales (business_date);
CREATE INDEX sales_by_shift ON sales (shift_id);
CREATE INDEX sales_by_refund_of ON sales (refund_of) WHERE refund_of IS NOT NULL;

-- refund_of_line: on a refund's line, the original sale's line it gives back (NULL on a
-- sale's line); what a line may still refund is its quantity minus these lines' sum.

CREATE TABLE sale_lines (
    id                  TEXT PRIMARY KEY,
    sale_id             TEXT NOT NULL REFERENCES sales (id),
    line_no             INTEGER NOT NULL CHECK (line_no >= 1),
    item_id             TEXT NOT NULL REFERENCES items (id),
    name                TEXT NOT NULL,
    unit_price          INTEGER NOT NULL CHECK (unit_price >= 0),
    quantity            INTEGER NOT NULL CHECK (quantity > 0),
    tax_rate_ppm        INTEGER NOT NULL CHECK (tax_rate_ppm >= 0),
    price_includes_tax  INTEGER NOT NULL CHECK (price_includes_tax IN (0, 1)),
    gross               INTEGER NOT NULL,
    line_discount       INTEGER NOT NULL,
    cart_discount_share INTEGER NOT NULL,
    tax                 INTEGER NOT NULL,
    total               INTEGER NOT NULL,
    refund_of_line      TEXT REFERENCES sale_lines (id),
    UNIQUE (sale_id, line_no),
    CHECK (total = gross - line_discount - cart_discount_share
                   + CASE WHEN price_includes_tax = 1 THEN 0 ELSE tax END)
) STRICT;

CREATE TABLE payments (
    id        TEXT PRIMARY KEY,
    sale_id   TEXT NOT NULL REFERENCES sales (id),
    method    TEXT NOT NULL CHECK (method IN ('cash', 'card', 'store_credit')),
    amount    INTEGER NOT NULL CHECK (amount <> 0),
    reference TEXT,
    CHECK (method <> 'card' OR reference IS NOT NULL)
) STRICT;

CREATE INDEX payments_by_sale ON payments (sale_id);
CREATE INDEX sale_lines_by_item ON sale_lines (item_id);
CREATE INDEX sale_lines_by_refund_of_line ON sale_lines (refund_of_line)
    WHERE refund_of_line IS NOT NULL;

-- Append-only movements made here. outbox_seq is the outbox record that carries the
-- movement to HQ: once HQ reports last_applied >= outbox_seq, HQ's level counts it
-- (acknowledged = 1) and it no longer adds to the level shown.
CREATE TABLE stock_movements (
    id           TEXT PRIMARY KEY,
    item_id      TEXT NOT NULL REFERENCES items (id),
    location_id  TEXT NOT NULL REFERENCES locations (id),
    quantity     INTEGER NOT NULL CHECK (quantity <> 0),
    reason       TEXT NOT NULL
        CHECK (reason IN ('sale', 'refund', 'receipt', 'adjustment', 'count')),
    sale_id      TEXT REFERENCES sales (id),
    note         TEXT,
    user_id      TEXT REFERENCES users (id),
    occurred_at  TEXT NOT NULL,
    outbox_seq   INTEGER,
    acknowledged INTEGER NOT NULL DEFAULT 0 CHECK (acknowledged IN (0, 1)),
    -- A sale or refund movement always says which sale moved the stock (as at HQ).
    CHECK ((reason IN ('sale', 'refund')) = (sale_id IS NOT NULL))
) STRICT;

CREATE INDEX stock_movements_by_item ON stock_movements (item_id, location_id);
CREATE INDEX stock_movements_unacknowledged ON stock_movements (item_id, location_id)
    WHERE acknowledged = 0;
CREATE INDEX stock_movements_by_sale ON stock_movements (sale_id);

-- A cart put aside to serve someone else; the cart is the till's own JSON, opaque here.
CREATE TABLE parked_sales (
    id         TEXT PRIMARY KEY,
    label      TEXT NOT NULL DEFAULT '',
    cart       TEXT NOT NULL CHECK (json_valid(cart)),
    parked_at  TEXT NOT NULL,
    cashier_id TEXT NOT NULL REFERENCES users (id)
) STRICT;

-- Receipt numbers are gapless per terminal: the number is taken inside the sale's own
-- transaction, so a failed sale gives it back.
CREATE TABLE receipt_counter (
    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
    next_seq  INTEGER NOT NULL CHECK (next_seq >= 1)
) STRICT;
INSERT INTO receipt_counter (singleton, next_seq) VALUES (1, 1);

-- Outbox sequence numbers 1, 2, 3, ... with no gap and no reuse. Not max(seq) + 1:
-- acknowledged records are deleted, so an emptied outbox would hand out 1 again, which
-- HQ would rightly refuse as a reused sequence.
CREATE TABLE outbox_counter (
    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
    next_seq  INTEGER NOT NULL CHECK (next_seq >= 1)
) STRICT;
INSERT INTO outbox_counter (singleton, next_seq) VALUES (1, 1);

CREATE TABLE outbox (
    seq          INTEGER PRIMARY KEY CHECK (seq >= 1),
    kind         TEXT NOT NULL,
    record_id    TEXT NOT NULL,
    payload      TEXT NOT NULL CHECK (json_valid(payload)),
    content_hash TEXT NOT NULL,
    created_at   TEXT NOT NULL
) STRICT;

CREATE INDEX outbox_by_record ON outbox (record_id);

CREATE TABLE sync_state (
    singleton       INTEGER PRIMARY KEY CHECK (singleton = 1),
    pull_cursor     INTEGER NOT NULL DEFAULT 0,
    hq_last_applied INTEGER NOT NULL DEFAULT 0,
    last_push_at    TEXT,
    last_pull_at    TEXT,
    last_error      TEXT
) STRICT;
INSERT INTO sync_state (singleton) VALUES (1);

-- Records HQ refused for good: kept for a manager to see, never silently dropped.
CREATE TABLE dead_letters (
    seq         INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL,
    record_id   TEXT NOT NULL,
    payload     TEXT NOT NULL,
    code        TEXT NOT NULL,
    reason      TEXT NOT NULL,
    rejected_at TEXT NOT NULL
) STRICT;

CREATE TABLE audit_log (
    id          TEXT PRIMARY KEY,
    at          TEXT NOT NULL,
    user_id     TEXT REFERENCES users (id),
    approved_by TEXT REFERENCES users (id),
    action      TEXT NOT NULL,
    detail      TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE INDEX audit_log_by_time ON audit_log (at);
