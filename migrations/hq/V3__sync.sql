-- Sync: pairing, the push log, shifts, and the version counters the pull cursor reads.
--
-- Pull cursor. A catalog-writing transaction takes the next value of its organization's
-- counter by UPDATE ... RETURNING, which row-locks the counter until that transaction ends,
-- and stamps every row it writes with that value. So versions become visible in the order
-- they were taken: a reader that sees version N has already seen every version below N,
-- and a cursor can never skip a transaction that commits late (a sequence or a timestamp
-- alone could). Stock levels change with every pushed sale, so they have a counter per
-- location instead: pushes for different stores never wait on one another.

CREATE TABLE core.catalog_versions (
    organization_id  UUID PRIMARY KEY REFERENCES core.organizations (id),
    version          BIGINT NOT NULL DEFAULT 0 CHECK (version >= 0)
);
INSERT INTO core.catalog_versions (organization_id) SELECT id FROM core.organizations;

CREATE TABLE inv.stock_versions (
    location_id  UUID PRIMARY KEY REFERENCES inv.locations (id),
    version      BIGINT NOT NULL DEFAULT 0 CHECK (version >= 0)
);
INSERT INTO inv.stock_versions (location_id) SELECT id FROM inv.locations;

ALTER TABLE inv.items ADD COLUMN sync_version BIGINT NOT NULL DEFAULT 0;
CREATE INDEX items_org_sync_idx ON inv.items (organization_id, sync_version, id);

ALTER TABLE pos.tax_rates ADD COLUMN sync_version BIGINT NOT NULL DEFAULT 0;
CREATE INDEX tax_rates_org_sync_idx ON pos.tax_rates (organization_id, sync_version, id);

-- A customer's version also moves when their store-credit balance does.
ALTER TABLE pos.customers ADD COLUMN sync_version BIGINT NOT NULL DEFAULT 0;
CREATE INDEX customers_org_sync_idx ON pos.customers (organization_id, sync_version, id);

-- A till user is a user with a role in the organization; the version sits on the role
-- row because that is what is per organization (a change of PIN bumps it too).
ALTER TABLE core.user_org_roles ADD COLUMN sync_version BIGINT NOT NULL DEFAULT 0;
CREATE INDEX user_org_roles_org_sync_idx
    ON core.user_org_roles (organization_id, sync_version, id);

ALTER TABLE inv.stock_levels ADD COLUMN sync_version BIGINT NOT NULL DEFAULT 0;
CREATE INDEX stock_levels_location_sync_idx
    ON inv.stock_levels (location_id, sync_version, id);

-- Pairing: `hq terminal add` stores the hash of a one-time code that expires; pairing
-- consumes it and stores the hash of the terminal's token. Neither secret is kept.
ALTER TABLE pos.terminals
    ADD COLUMN pairing_code_hash   TEXT UNIQUE,
    ADD COLUMN pairing_expires_at  TIMESTAMPTZ,
    ADD COLUMN paired_at           TIMESTAMPTZ,
    ADD CONSTRAINT terminals_pairing_code_expires
        CHECK ((pairing_code_hash IS NULL) = (pairing_expires_at IS NULL));
CREATE UNIQUE INDEX terminals_token_hash_key ON pos.terminals (token_hash)
    WHERE token_hash IS NOT NULL;

-- Shifts are the terminal's: their opening and their Z report are pushed like sales.
CREATE TABLE pos.shifts (
    id               UUID PRIMARY KEY,
    organization_id  UUID NOT NULL REFERENCES core.organizations (id),
    location_id      UUID NOT NULL REFERENCES inv.locations (id),
    terminal_id      UUID NOT NULL REFERENCES pos.terminals (id),
    opened_at        TIMESTAMPTZ NOT NULL,
    opened_by        UUID NOT NULL REFERENCES core.users (id),
    opening_float    NUMERIC(14,2) NOT NULL CHECK (opening_float >= 0),
    closed_at        TIMESTAMPTZ,
    closed_by        UUID REFERENCES core.users (id),
    counted_cash     NUMERIC(14,2) CHECK (counted_cash >= 0),
    expected_cash    NUMERIC(14,2),
    z_report         JSONB,
    CHECK ((closed_at IS NULL) = (closed_by IS NULL)),
    CHECK ((closed_at IS NULL) = (z_report IS NULL))
);
CREATE INDEX shifts_terminal_idx ON pos.shifts (terminal_id, opened_at);

ALTER TABLE pos.sales ADD COLUMN shift_id UUID REFERENCES pos.shifts (id);
CREATE INDEX sales_shift_idx ON pos.sales (shift_id) WHERE shift_id IS NOT NULL;

-- Every outbox record HQ has taken from a terminal, applied or refused, so a replay gets
-- the stored answer and a reused sequence number with other content is caught.
CREATE TABLE pos.push_log (
    terminal_id   UUID NOT NULL REFERENCES pos.terminals (id),
    seq           BIGINT NOT NULL CHECK (seq >= 1),
    kind          TEXT NOT NULL,
    record_id     TEXT NOT NULL,
    content_hash  TEXT NOT NULL CHECK (content_hash ~ '^[0-9a-f]{64}$'),
    outcome       TEXT NOT NULL CHECK (outcome IN ('applied', 'rejected')),
    code          TEXT,
    message       TEXT,
    received_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (terminal_id, seq),
    CHECK ((outcome = 'rejected') = (code IS NOT NULL AND message IS NOT NULL))
);

-- HQ's own copy of what it refused, with the payload, for an operator to look into.
CREATE TABLE pos.dead_letters (
    terminal_id  UUID NOT NULL,
    seq          BIGINT NOT NULL,
    payload      TEXT NOT NULL,
    rejected_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (terminal_id, seq),
    FOREIGN KEY (terminal_id, seq) REFERENCES pos.push_log (terminal_id, seq)
);
