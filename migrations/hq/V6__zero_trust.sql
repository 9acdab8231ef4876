-- Zero trust in the till: HQ checks every pushed sale against its own catalog.
--
-- A till prices a sale with the catalog as of its last pull, which may be days old when it
-- was offline, so HQ must know the price and tax rate in effect at every catalog version,
-- not only the current one. Each history row holds what a row was from `from_version` on,
-- until the next row of the same item or rate: the value at version v is the row with the
-- greatest from_version <= v. Triggers keep the history, so no writer (the import, a price
-- change, the admin API, a future one) can forget it; they are per statement, so importing
-- a million items costs one extra INSERT ... SELECT, not a million.

CREATE TABLE inv.item_prices (
    item_id             UUID NOT NULL REFERENCES inv.items (id),
    from_version        BIGINT NOT NULL CHECK (from_version >= 0),
    price               NUMERIC(14,2) NOT NULL CHECK (price >= 0),
    price_includes_tax  BOOLEAN NOT NULL,
    tax_rate_id         UUID NOT NULL REFERENCES pos.tax_rates (id),
    PRIMARY KEY (item_id, from_version)
);

CREATE TABLE pos.tax_rate_history (
    tax_rate_id   UUID NOT NULL REFERENCES pos.tax_rates (id),
    from_version  BIGINT NOT NULL CHECK (from_version >= 0),
    rate          NUMERIC(9,6) NOT NULL CHECK (rate >= 0 AND rate < 1),
    PRIMARY KEY (tax_rate_id, from_version)
);

INSERT INTO inv.item_prices (item_id, from_version, price, price_includes_tax, tax_rate_id)
SELECT id, sync_version, price, price_includes_tax, tax_rate_id FROM inv.items;
INSERT INTO pos.tax_rate_history (tax_rate_id, from_version, rate)
SELECT id, sync_version, rate FROM pos.tax_rates;

-- Each written row is recorded at its version; two changes in one catalog version leave the
-- last one, as a till pulling that version sees. A row rewritten without a change of price
-- (a new name) repeats its price at its new version, which changes no answer.
CREATE FUNCTION inv.record_item_prices() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO inv.item_prices (item_id, from_version, price, price_includes_tax, tax_rate_id)
    SELECT n.id, n.sync_version, n.price, n.price_includes_tax, n.tax_rate_id
      FROM changed_items n
    ON CONFLICT (item_id, from_version) DO UPDATE
       SET price = excluded.price, price_includes_tax = excluded.price_includes_tax,
           tax_rate_id = excluded.tax_rate_id;
    RETURN NULL;
END;
$$;

CREATE TRIGGER items_price_history_insert
    AFTER INSERT ON inv.items
    REFERENCING NEW TABLE AS changed_items
    FOR EACH STATEMENT EXECUTE FUNCTION inv.record_item_prices();

CREATE TRIGGER items_price_history_update
    AFTER UPDATE ON inv.items
    REFERENCING NEW TABLE AS changed_items
    FOR EACH STATEMENT EXECUTE FUNCTION inv.record_item_prices();

CREATE FUNCTION pos.record_tax_rates() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO pos.tax_rate_history (tax_rate_id, from_version, rate)
    SELECT n.id, n.sync_version, n.rate FROM changed_rates n
    ON CONFLICT (tax_rate_id, from_version) DO UPDATE SET rate = excluded.rate;
    RETURN NULL;
END;
$$;

CREATE TRIGGER tax_rates_history_insert
    AFTER INSERT ON pos.tax_rates
    REFERENCING NEW TABLE AS changed_rates
    FOR EACH STATEMENT EXECUTE FUNCTION pos.record_tax_rates();

CREATE TRIGGER tax_rates_history_update
    AFTER UPDATE ON pos.tax_rates
    REFERENCING NEW TABLE AS changed_rates
    FOR EACH STATEMENT EXECUTE FUNCTION pos.record_tax_rates();

-- What a sale was priced with, as the till recorded it, so `hq ledger check` can re-check
-- every line against the history later: the catalog version, and the manager who approved
-- a price or tax that differs from it (with the reasons the till showed).
ALTER TABLE pos.sales
    ADD COLUMN catalog_version   BIGINT CHECK (catalog_version >= 0),
    ADD COLUMN approved_by       UUID REFERENCES core.users (id),
    ADD COLUMN approval_reasons  TEXT NOT NULL DEFAULT '';

-- Terminals paired before this migration may still hold sales queued without a catalog
-- version; they are checked as before until their first sale that carries one. Terminals
-- paired from now on must always send it.
ALTER TABLE pos.terminals ADD COLUMN requires_catalog_version BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE pos.terminals ALTER COLUMN requires_catalog_version SET DEFAULT true;
