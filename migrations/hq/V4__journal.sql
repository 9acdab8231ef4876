-- The sales journal as HQ received it: each terminal's hash chain of sales, refunds, voids
-- and shift closes (sync_protocol::chain documents the serialization), checked link by
-- link as records arrive, and each business day's digest with HQ's verdict on it.

-- The last link HQ took from each terminal; a push's records must continue from it.
ALTER TABLE pos.terminals
    ADD COLUMN chain_position BIGINT NOT NULL DEFAULT 0 CHECK (chain_position >= 0),
    ADD COLUMN chain_head TEXT CHECK (chain_head ~ '^[0-9a-f]{64}$'),
    ADD CONSTRAINT terminals_chain_head CHECK ((chain_position = 0) = (chain_head IS NULL));

-- Every link HQ took, kept so the chain can be re-verified at any time (`hq ledger check`):
-- content is the record's serialization as HQ computed it from the pushed payload.
-- outcome: applied (the record is in the books), refused (the link holds but the record
-- was refused for another reason, see push_log), broken (the link does not continue the
-- chain or does not cover its record: break_code says how). HQ moves on from a broken
-- link, so one bad record never blocks the records behind it; the break stays flagged.
CREATE TABLE pos.journal_links (
    terminal_id    UUID NOT NULL,
    position       BIGINT NOT NULL CHECK (position >= 1),
    seq            BIGINT NOT NULL,
    kind           TEXT NOT NULL CHECK (kind IN ('sale', 'void', 'shift_close')),
    record_id      TEXT NOT NULL,
    business_date  DATE NOT NULL,
    prev_hash      TEXT NOT NULL CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
    content_hash   TEXT NOT NULL CHECK (content_hash ~ '^[0-9a-f]{64}$'),
    hash           TEXT NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
    content        TEXT NOT NULL,
    outcome        TEXT NOT NULL CHECK (outcome IN ('applied', 'refused', 'broken')),
    break_code     TEXT,
    PRIMARY KEY (terminal_id, position),
    UNIQUE (terminal_id, seq),
    FOREIGN KEY (terminal_id, seq) REFERENCES pos.push_log (terminal_id, seq),
    CHECK ((outcome = 'broken') = (break_code IS NOT NULL))
);
CREATE INDEX journal_links_day_idx ON pos.journal_links (terminal_id, business_date, position);
CREATE INDEX journal_links_record_idx ON pos.journal_links (record_id);

-- A sale abandoned before payment with a manager's approval.
CREATE TABLE pos.voids (
    id               UUID PRIMARY KEY,
    organization_id  UUID NOT NULL REFERENCES core.organizations (id),
    location_id      UUID NOT NULL REFERENCES inv.locations (id),
    terminal_id      UUID NOT NULL REFERENCES pos.terminals (id),
    shift_id         UUID REFERENCES pos.shifts (id),
    cashier_id       UUID NOT NULL REFERENCES core.users (id),
    approved_by      UUID NOT NULL REFERENCES core.users (id),
    lines            INTEGER NOT NULL CHECK (lines >= 0),
    total            NUMERIC(14,2) NOT NULL CHECK (total >= 0),
    occurred_at      TIMESTAMPTZ NOT NULL,
    business_date    DATE NOT NULL,
    received_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX voids_terminal_date_idx ON pos.voids (terminal_id, business_date);

-- The newest digest of each terminal-day (a later Z report of the same day replaces it),
-- and what HQ found when it compared it with its own count as it arrived.
CREATE TABLE pos.day_digests (
    terminal_id    UUID NOT NULL REFERENCES pos.terminals (id),
    business_date  DATE NOT NULL,
    seq            BIGINT NOT NULL,
    digest         JSONB NOT NULL,
    status         TEXT NOT NULL CHECK (status IN ('matched', 'mismatched')),
    detail         TEXT,
    received_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (terminal_id, business_date),
    CHECK ((status = 'mismatched') = (detail IS NOT NULL))
);
