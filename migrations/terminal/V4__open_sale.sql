-- The sale being rung up, kept as it changes so that a crash or a power cut loses nothing a
-- cashier typed or a customer paid: the app restores it at start. Its key becomes the
-- committed sale's id, so a sale that committed just before the crash is recognised and
-- never completed twice.
CREATE TABLE open_sale (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    sale_key   TEXT NOT NULL,
    cart       TEXT NOT NULL,
    tenders    TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;
