-- Re-keying: a terminal that lost its token (a keyring wiped by a reboot, a revoked till
-- replaced by its restored copy) gets a new one for the SAME identity, so its sequence
-- numbers, journal and queue go on. `hq terminal rekey` stores the hash of a one-time code
-- that expires; the terminal exchanges it, naming itself, for a token whose hash replaces
-- the old one in the same statement. Neither secret is kept.
ALTER TABLE pos.terminals
    ADD COLUMN rekey_code_hash   TEXT UNIQUE,
    ADD COLUMN rekey_expires_at  TIMESTAMPTZ,
    ADD CONSTRAINT terminals_rekey_code_expires
        CHECK ((rekey_code_hash IS NULL) = (rekey_expires_at IS NULL));
