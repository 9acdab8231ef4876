-- Receipts on paper. One row of settings: where the printer is and what the receipt says
-- about the store; and the print queue, so that a printer that is off, out of paper or
-- unreachable never blocks or loses a sale: the sale is committed first, its receipt waits
-- here until the printer takes it.

CREATE TABLE printer_settings (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    -- 'none', 'tcp://HOST:PORT' or 'file:///dev/usb/lp0' (checked by the terminal core)
    address       TEXT NOT NULL DEFAULT 'none',
    paper_mm      INTEGER NOT NULL DEFAULT 80 CHECK (paper_mm IN (58, 80)),
    store_name    TEXT NOT NULL DEFAULT '',
    -- lines separated by a newline
    store_address TEXT NOT NULL DEFAULT '',
    tax_id        TEXT NOT NULL DEFAULT '',
    footer        TEXT NOT NULL DEFAULT 'Thank you!'
) STRICT;

INSERT INTO printer_settings (id) VALUES (1);

CREATE TABLE print_jobs (
    id         INTEGER PRIMARY KEY,
    -- what it prints, for people: a receipt number, 'Z report ...', 'drawer'
    document   TEXT NOT NULL CHECK (document <> ''),
    bytes      BLOB NOT NULL,
    created_at TEXT NOT NULL,
    attempts   INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    last_error TEXT,
    printed_at TEXT
) STRICT;

CREATE INDEX print_jobs_waiting ON print_jobs (id) WHERE printed_at IS NULL;
