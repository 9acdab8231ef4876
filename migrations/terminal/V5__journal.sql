-- The sales journal: every completed sale or refund, void and shift close is one link of
-- a hash chain (sync_protocol::chain documents the serialization). A link is written in
-- the same transaction as its record and its outbox record, and pushed beside it.
CREATE TABLE journal_chain (
    position      INTEGER PRIMARY KEY CHECK (position >= 1),
    kind          TEXT NOT NULL CHECK (kind IN ('sale', 'void', 'shift_close')),
    record_id     TEXT NOT NULL,
    business_date TEXT NOT NULL
        CHECK (business_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    outbox_seq    INTEGER NOT NULL UNIQUE,
    prev_hash     TEXT NOT NULL,
    content_hash  TEXT NOT NULL,
    hash          TEXT NOT NULL UNIQUE,
    UNIQUE (kind, record_id)
) STRICT;

CREATE INDEX journal_chain_by_date ON journal_chain (business_date, position);

-- The journal starts with the first record committed after this migration: a database
-- upgraded with sales already in it has no links for them (their outbox records, if still
-- queued, are pushed unchained, which HQ accepts only before a terminal's first link).
CREATE TABLE journal_start (
    singleton          INTEGER PRIMARY KEY CHECK (singleton = 1),
    first_receipt_seq  INTEGER NOT NULL CHECK (first_receipt_seq >= 1)
) STRICT;
INSERT INTO journal_start (singleton, first_receipt_seq)
    SELECT 1, COALESCE(MAX(receipt_seq), 0) + 1 FROM sales;

-- A sale abandoned before payment with a manager's approval.
CREATE TABLE voids (
    id            TEXT PRIMARY KEY,
    shift_id      TEXT REFERENCES shifts (id),
    cashier_id    TEXT NOT NULL REFERENCES users (id),
    approved_by   TEXT NOT NULL REFERENCES users (id),
    lines         INTEGER NOT NULL CHECK (lines >= 0),
    total         INTEGER NOT NULL CHECK (total >= 0),
    occurred_at   TEXT NOT NULL,
    business_date TEXT NOT NULL
        CHECK (business_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]')
) STRICT;

CREATE INDEX voids_by_date ON voids (business_date);

-- The digest of each business day as the last Z report of that day counted it (also queued
-- as a day_digest outbox record), and HQ's verdict once HQ has taken it.
CREATE TABLE day_digests (
    business_date TEXT PRIMARY KEY,
    outbox_seq    INTEGER NOT NULL,
    digest        TEXT NOT NULL CHECK (json_valid(digest)),
    made_at       TEXT NOT NULL,
    hq_status     TEXT CHECK (hq_status IN ('matched', 'mismatched')),
    hq_detail     TEXT,
    hq_checked_at TEXT
) STRICT;
