-- The central schema. Applied migrations are never edited: every change is a new file.
--
-- Conventions
-- * Every table has a UUID primary key. Rows made at HQ default to gen_random_uuid();
--   rows made on a terminal (sales, lines, payments, movements) carry the terminal's UUIDv7.
-- * Every row belongs to an organization, directly (organization_id) or through its parent.
-- * Money is NUMERIC(14,2), quantities NUMERIC(14,3), tax rates NUMERIC(9,6) fractions
--   (0.088750 = 8.875%). No floating point anywhere.
-- * Timestamps are TIMESTAMPTZ.

CREATE EXTENSION IF NOT EXISTS pgcrypto;
CREATE EXTENSION IF NOT EXISTS citext;

CREATE SCHEMA core;
CREATE SCHEMA acct;
CREATE SCHEMA inv;
CREATE SCHEMA pos;

-- ---------------------------------------------------------------- core

CREATE TABLE core.organizations (
    id          UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    slug        TEXT NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
    name        TEXT NOT NULL CHECK (btrim(name) <> ''),
    currency    CHAR(3) NOT NULL DEFAULT 'USD' CHECK (currency ~ '^[A-Z]{3}$'),
    timezone    TEXT NOT NULL DEFAULT 'UTC' CHECK (btrim(timezone) <> ''),
    tax_id      TEXT,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE core.users (
    id             UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    email          CITEXT NOT NULL UNIQUE CHECK (email ~ '^[^@[:space:]]+@[^@[:space:]]+$'),
    display_name   TEXT NOT NULL CHECK (btrim(display_name) <> ''),
    -- argon2 PHC strings; a user may have neither (not yet invited) but never plaintext.
    password_hash  TEXT CHECK (password_hash LIKE '$argon2%'),
    pin_hash       TEXT CHECK (pin_hash LIKE '$argon2%'),
    is_active      BOOLEAN NOT NULL DEFAULT true,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE core.user_org_roles (
    id               UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id          UUID NOT NULL REFERENCES core.users (id) ON DELETE CASCADE,
    organization_id  UUID NOT NULL REFERENCES core.organizations (id) ON DELETE CASCADE,
    role             TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'manager', 'cashier')),
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (user_id, organization_id)
);
CREATE INDEX user_org_roles_organization_idx ON core.user_org_roles (organization_id, role);

-- ---------------------------------------------------------------- acct

CREATE TABLE acct.chart_of_accounts (
    id               UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id  UUID NOT NULL REFERENCES core.organizations (id),
    code             TEXT NOT NULL CHECK (code ~ '^[0-9A-Za-z.-]{1,20}$'),
    name             TEXT NOT NULL CHECK (btrim(name) <> ''),
    account_type     TEXT NOT NULL
                     CHECK (account_type IN ('asset', 'liability', 'equity', 'revenue', 'expense')),
    is_active        BOOLEAN NOT NULL DEFAULT true,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (organization_id, code)
);

CREATE TABLE acct.journal_entries (
    id               UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id  UUID NOT NULL REFERENCES core.organizations (id),
    entry_date       DATE NOT NULL,
    description      TEXT NOT NULL DEFAULT '',
    source_type      TEXT NOT NULL
                     CHECK (source_type IN ('sale', 'refund', 'stock', 'cash', 'manual')),
    -- The record that caused the entry (a sale's id, ...); NULL only for manual entries.
    source_id        UUID,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK ((source_type = 'manual') = (source_id IS NULL)),
    -- One journal entry per source record: a replayed push can never book a sale twice.
    UNIQUE (source_type, source_id)
);
CREATE INDEX journal_entries_org_date_idx ON acct.journal_entries (organization_id, entry_date);

CREATE TABLE acct.journal_lines (
    id                UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    journal_entry_id  UUID NOT NULL REFERENCES acct.journal_entries (id) ON DELETE CASCADE,
    account_id        UUID NOT NULL REFERENCES acct.chart_of_accounts (id),
    debit             NUMERIC(14,2) NOT NULL DEFAULT 0 CHECK (debit >= 0),
    credit            NUMERIC(14,2) NOT NULL DEFAULT 0 CHECK (credit >= 0),
    memo              TEXT NOT NULL DEFAULT '',
    -- A line is a debit or a credit, never both and never neither.
    CHECK ((debit > 0) <> (credit > 0))
);
CREATE INDEX journal_lines_entry_idx ON acct.journal_lines (journal_entry_id);
CREATE INDEX journal_lines_account_idx ON acct.journal_lines (account_id);

-- Debits equal credits for every entry, checked when the transaction commits (an entry is
-- written line by line, so the check must be deferred).
-- A line moved from one entry to another leaves both to check.
CREATE FUNCTION acct.assert_entry_balances() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    entry UUID;
    imbalance NUMERIC;
BEGIN
    FOREACH entry IN ARRAY ARRAY[
        CASE WHEN TG_OP <> 'INSERT' THEN OLD.journal_entry_id END,
        CASE WHEN TG_OP <> 'DELETE' THEN NEW.journal_entry_id END
    ] LOOP
        CONTINUE WHEN entry IS NULL;
        SELECT COALESCE(sum(debit), 0) - COALESCE(sum(credit), 0) INTO imbalance
          FROM acct.journal_lines WHERE journal_entry_id = entry;
        IF imbalance <> 0 THEN
            RAISE EXCEPTION 'journal entry % does not balance (debits - credits = %)',
                entry, imbalance
                USING ERRCODE = 'check_violation';
        END IF;
    END LOOP;
    RETURN NULL;
END;
$$;

CREATE CONSTRAINT TRIGGER journal_entry_balances
    AFTER INSERT OR UPDATE OR DELETE ON acct.journal_lines
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION acct.assert_entry_balances();

CREATE TABLE acct.bank_accounts (
    id               UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id  UUID NOT NULL REFERENCES core.organizations (id),
    -- The ledger account that mirrors this bank account.
    account_id       UUID NOT NULL UNIQUE REFERENCES acct.chart_of_accounts (id),
    name             TEXT NOT NULL CHECK (btrim(name) <> ''),
    bank_name        TEXT NOT NULL DEFAULT '',
    -- Only the last four digits are kept: the full number is not ours to store.
    account_last4    TEXT CHECK (account_last4 ~ '^[0-9]{4}$'),
    currency         CHAR(3) NOT NULL DEFAULT 'USD' CHECK (currency ~ '^[A-Z]{3}$'),
    is_active        BOOLEAN NOT NULL DEFAULT true,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX bank_accounts_organization_idx ON acct.bank_accounts (organization_id);

-- ---------------------------------------------------------------- inv (locations first)

CREATE TABLE inv.locations (
    id               UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id  UUID NOT NULL REFERENCES core.organizations (id),
    code             TEXT NOT NULL CHECK (code ~ '^[A-Z0-9][A-Z0-9_-]{0,19}$'),
    name             TEXT NOT NULL CHECK (btrim(name) <> ''),
    kind             TEXT NOT NULL DEFAULT 'store' CHECK (kind IN ('store', 'warehouse')),
    address          TEXT NOT NULL DEFAULT '',
    timezone         TEXT NOT NULL DEFAULT 'UTC' CHECK (btrim(timezone) <> ''),
    is_active        BOOLEAN NOT NULL DEFAULT true,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (organization_id, code)
);

-- ---------------------------------------------------------------- pos (reference data)

CREATE TABLE pos.tax_rates (
    id               UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id  UUID NOT NULL REFERENCES core.organizations (id),
    code             TEXT NOT NULL CHECK (code ~ '^[A-Z0-9_-]{1,20}$'),
    name             TEXT NOT NULL CHECK (btrim(name) <> ''),
    rate             NUMERIC(9,6) NOT NULL CHECK (rate >= 0 AND rate < 1),
    is_active        BOOLEAN NOT NULL DEFAULT true,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (organization_id, code)
);

CREATE TABLE pos.customers (
    id               UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id  UUID NOT NULL REFERENCES core.organizations (id),
    name             TEXT NOT NULL CHECK (btrim(name) <> ''),
    email            CITEXT CHECK (email ~ '^[^@[:space:]]+@[^@[:space:]]+$'),
    phone            TEXT,
    tax_id           TEXT,
    is_active        BOOLEAN NOT NULL DEFAULT true,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    -- Soft delete: terminals learn of a removal through the pull like any other change.
    deleted_at       TIMESTAMPTZ
);
CREATE UNIQUE INDEX customers_org_email_key ON pos.customers (organization_id, email)
    WHERE email IS NOT NULL;
CREATE INDEX customers_org_name_idx ON pos.customers (organization_id, name);

CREATE TABLE pos.terminals (
    id               UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id  UUID NOT NULL REFERENCES core.organizations (id),
    location_id      UUID NOT NULL REFERENCES inv.locations (id),
    -- Short code printed in receipt numbers (T01-000123).
    code             TEXT NOT NULL CHECK (code ~ '^[A-Z0-9]{1,8}$'),
    name             TEXT NOT NULL CHECK (btrim(name) <> ''),
    -- Only a hash of the terminal's token is kept at HQ.
    token_hash       TEXT,
    -- The last outbox sequence number applied for this terminal (the push rule's anchor).
    last_applied     BIGINT NOT NULL DEFAULT 0 CHECK (last_applied >= 0),
    last_seen_at     TIMESTAMPTZ,
    revoked_at       TIMESTAMPTZ,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (organization_id, code)
);
CREATE INDEX terminals_location_idx ON pos.terminals (location_id);

-- ---------------------------------------------------------------- inv (catalog and stock)

CREATE TABLE inv.items (
    id                  UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id     UUID NOT NULL REFERENCES core.organizations (id),
    sku                 TEXT NOT NULL CHECK (sku ~ '^[^[:space:]]{1,64}$'),
    barcode             TEXT CHECK (barcode ~ '^[0-9A-Za-z-]{1,64}$'),
    name                TEXT NOT NULL CHECK (btrim(name) <> ''),
    description         TEXT NOT NULL DEFAULT '',
    price               NUMERIC(14,2) NOT NULL CHECK (price >= 0),
    price_includes_tax  BOOLEAN NOT NULL DEFAULT false,
    tax_rate_id         UUID NOT NULL REFERENCES pos.tax_rates (id),
    cost                NUMERIC(14,4) CHECK (cost >= 0),
    unit                TEXT NOT NULL DEFAULT 'each' CHECK (btrim(unit) <> ''),
    reorder_level       NUMERIC(14,3) NOT NULL DEFAULT 0 CHECK (reorder_level >= 0),
    is_active           BOOLEAN NOT NULL DEFAULT true,
    created_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    deleted_at          TIMESTAMPTZ,
    UNIQUE (organization_id, sku)
);
CREATE UNIQUE INDEX items_org_barcode_key ON inv.items (organization_id, barcode)
    WHERE barcode IS NOT NULL;
CREATE INDEX items_org_name_idx ON inv.items (organization_id, lower(name) text_pattern_ops);
CREATE INDEX items_tax_rate_idx ON inv.items (tax_rate_id);

CREATE TABLE inv.stock_levels (
    id           UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    item_id      UUID NOT NULL REFERENCES inv.items (id),
    location_id  UUID NOT NULL REFERENCES inv.locations (id),
    -- May go negative: a sale is never refused for stock, it is flagged.
    on_hand      NUMERIC(14,3) NOT NULL DEFAULT 0,
    -- When the last physical count was taken; the level is that count plus later movements.
    counted_at   TIMESTAMPTZ,
    updated_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (item_id, location_id)
);
CREATE INDEX stock_levels_location_idx ON inv.stock_levels (location_id);

-- ---------------------------------------------------------------- pos (trading)

CREATE TABLE pos.sales (
    id               UUID PRIMARY KEY,
    organization_id  UUID NOT NULL REFERENCES core.organizations (id),
    location_id      UUID NOT NULL REFERENCES inv.locations (id),
    terminal_id      UUID NOT NULL REFERENCES pos.terminals (id),
    receipt_no       TEXT NOT NULL CHECK (receipt_no ~ '^[A-Z0-9]{1,8}-[0-9]{6,}$'),
    kind             TEXT NOT NULL DEFAULT 'sale' CHECK (kind IN ('sale', 'refund')),
    -- A refund points at the sale it gives money back for.
    refund_of        UUID REFERENCES pos.sales (id),
    customer_id      UUID REFERENCES pos.customers (id),
    cashier_id       UUID REFERENCES core.users (id),
    business_date    DATE NOT NULL,
    currency         CHAR(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    subtotal         NUMERIC(14,2) NOT NULL,
    discount_total   NUMERIC(14,2) NOT NULL,
    -- Tax added on top of tax-exclusive prices (part of the total's arithmetic) ...
    tax_total        NUMERIC(14,2) NOT NULL,
    -- ... and tax contained in tax-inclusive prices (already inside the subtotal).
    tax_included     NUMERIC(14,2) NOT NULL DEFAULT 0,
    total            NUMERIC(14,2) NOT NULL,
    paid_total       NUMERIC(14,2) NOT NULL,
    change_given     NUMERIC(14,2) NOT NULL DEFAULT 0 CHECK (change_given >= 0),
    occurred_at      TIMESTAMPTZ NOT NULL,
    received_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (terminal_id, receipt_no),
    -- lines + tax - discounts = total = payments - change
    CHECK (total = subtotal - discount_total + tax_total),
    CHECK (total = paid_total - change_given),
    -- Amounts are never negative except in a refund, where they all are.
    CHECK (
        (kind = 'sale' AND refund_of IS NULL
            AND subtotal >= 0 AND discount_total >= 0 AND tax_total >= 0
            AND tax_included >= 0 AND total >= 0)
        OR
        (kind = 'refund' AND refund_of IS NOT NULL
            AND subtotal <= 0 AND discount_total <= 0 AND tax_total <= 0
            AND tax_included <= 0 AND total <= 0)
    )
);
CREATE INDEX sales_terminal_occurred_idx ON pos.sales (terminal_id, occurred_at);
CREATE INDEX sales_org_business_date_idx ON pos.sales (organization_id, business_date);
CREATE INDEX sales_refund_of_idx ON pos.sales (refund_of) WHERE refund_of IS NOT NULL;
CREATE INDEX sales_customer_idx ON pos.sales (customer_id) WHERE customer_id IS NOT NULL;

CREATE TABLE pos.sale_lines (
    id                  UUID PRIMARY KEY,
    sale_id             UUID NOT NULL REFERENCES pos.sales (id) ON DELETE CASCADE,
    line_no             INTEGER NOT NULL CHECK (line_no > 0),
    item_id             UUID NOT NULL REFERENCES inv.items (id),
    -- What was sold, as it was at the time of sale (the catalog may change later).
    sku                 TEXT NOT NULL,
    name                TEXT NOT NULL,
    quantity            NUMERIC(14,3) NOT NULL CHECK (quantity <> 0),
    unit_price          NUMERIC(14,2) NOT NULL CHECK (unit_price >= 0),
    price_includes_tax  BOOLEAN NOT NULL,
    -- The rate applied is the snapshot in tax_rate; the id says which rate it was, when
    -- the terminal knew it (a rate may change while a terminal is offline).
    tax_rate_id         UUID REFERENCES pos.tax_rates (id),
    tax_rate            NUMERIC(9,6) NOT NULL CHECK (tax_rate >= 0 AND tax_rate < 1),
    gross               NUMERIC(14,2) NOT NULL,
    line_discount       NUMERIC(14,2) NOT NULL DEFAULT 0,
    cart_discount_share NUMERIC(14,2) NOT NULL DEFAULT 0,
    tax                 NUMERIC(14,2) NOT NULL,
    line_total          NUMERIC(14,2) NOT NULL,
    -- On a refund's line: the line of the original sale it gives back.
    refund_of_line      UUID REFERENCES pos.sale_lines (id),
    UNIQUE (sale_id, line_no),
    CHECK (line_total = gross - line_discount - cart_discount_share
                        + CASE WHEN price_includes_tax THEN 0 ELSE tax END)
);
CREATE INDEX sale_lines_item_idx ON pos.sale_lines (item_id);
CREATE INDEX sale_lines_refund_of_line_idx ON pos.sale_lines (refund_of_line)
    WHERE refund_of_line IS NOT NULL;

CREATE TABLE pos.payments (
    id          UUID PRIMARY KEY,
    sale_id     UUID NOT NULL REFERENCES pos.sales (id) ON DELETE CASCADE,
    method      TEXT NOT NULL CHECK (method IN ('cash', 'card', 'store_credit')),
    amount      NUMERIC(14,2) NOT NULL CHECK (amount <> 0),
    -- The card terminal's approval reference; no card data is ever stored.
    reference   TEXT,
    created_at  TIMESTAMPTZ NOT NULL,
    CHECK (method <> 'card' OR (reference IS NOT NULL AND btrim(reference) <> ''))
);
CREATE INDEX payments_sale_idx ON pos.payments (sale_id);

CREATE TABLE inv.stock_movements (
    id           UUID PRIMARY KEY,
    item_id      UUID NOT NULL REFERENCES inv.items (id),
    location_id  UUID NOT NULL REFERENCES inv.locations (id),
    quantity     NUMERIC(14,3) NOT NULL CHECK (quantity <> 0),
    reason       TEXT NOT NULL
                 CHECK (reason IN ('sale', 'refund', 'receipt', 'adjustment', 'count', 'transfer')),
    sale_id      UUID REFERENCES pos.sales (id),
    terminal_id  UUID REFERENCES pos.terminals (id),
    user_id      UUID REFERENCES core.users (id),
    note         TEXT NOT NULL DEFAULT '',
    occurred_at  TIMESTAMPTZ NOT NULL,
    recorded_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    -- A sale or refund movement always says which sale moved the stock.
    CHECK ((reason IN ('sale', 'refund')) = (sale_id IS NOT NULL))
);
CREATE INDEX stock_movements_item_location_idx
    ON inv.stock_movements (item_id, location_id, occurred_at);
CREATE INDEX stock_movements_sale_idx ON inv.stock_movements (sale_id) WHERE sale_id IS NOT NULL;

-- Movements are append-only: stock levels are derived from them, so history must not change.
CREATE FUNCTION inv.refuse_movement_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'stock movements are append-only (% refused)', TG_OP
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$;

CREATE TRIGGER stock_movements_append_only
    BEFORE UPDATE OR DELETE ON inv.stock_movements
    FOR EACH ROW EXECUTE FUNCTION inv.refuse_movement_change();

CREATE TABLE acct.customer_balances (
    id           UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    customer_id  UUID NOT NULL UNIQUE REFERENCES pos.customers (id),
    -- Store credit owed to the customer; it can be spent down to zero, never below.
    balance      NUMERIC(14,2) NOT NULL DEFAULT 0 CHECK (balance >= 0),
    updated_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
