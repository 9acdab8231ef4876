-- Sync with HQ: the stock pull's own cursor, and the time of the last attempt.

-- Stock levels are pulled per location with their own cursor (HQ versions them per
-- location so that pushes from different stores never wait on one another). The cursor
-- is (version, id) because one HQ transaction can touch more levels than fit a page.
ALTER TABLE sync_state ADD COLUMN stock_cursor INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sync_state ADD COLUMN stock_cursor_id TEXT;
-- When a sync round last ran (successful or not): with last_error it tells "offline".
ALTER TABLE sync_state ADD COLUMN last_attempt_at TEXT;

-- A level may arrive before its item does (the catalog and the stock are two pulls), so
-- it no longer references items: the level waits, harmless, until the item is known.
CREATE TABLE stock_levels_new (
    item_id     TEXT NOT NULL,
    location_id TEXT NOT NULL REFERENCES locations (id),
    hq_on_hand  INTEGER NOT NULL,
    PRIMARY KEY (item_id, location_id)
) STRICT;
INSERT INTO stock_levels_new (item_id, location_id, hq_on_hand)
    SELECT item_id, location_id, hq_on_hand FROM stock_levels;
DROP TABLE stock_levels;
ALTER TABLE stock_levels_new RENAME TO stock_levels;
