-- Who may act at HQ, and the record of what they did: admin sessions (bearer tokens, kept
-- only as their SHA-256), the login lockout, and one audit log for HQ's own changes and
-- for what terminals report (overrides, voids, refunds, drawer opens, sign-in failures).

-- Wrong passwords in a row; at the limit the account is locked until locked_until. Kept in
-- the database, not in one server's memory, so every `hq serve` replica counts the same.
ALTER TABLE core.users
    ADD COLUMN failed_logins INTEGER NOT NULL DEFAULT 0 CHECK (failed_logins >= 0),
    ADD COLUMN locked_until TIMESTAMPTZ;

-- A signed-in admin. The role is not copied here: it is read with every request, so a
-- demotion or a disabled account takes effect at once.
CREATE TABLE core.sessions (
    id               UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    token_hash       TEXT NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
    user_id          UUID NOT NULL REFERENCES core.users (id) ON DELETE CASCADE,
    organization_id  UUID NOT NULL REFERENCES core.organizations (id) ON DELETE CASCADE,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at       TIMESTAMPTZ NOT NULL,
    ended_at         TIMESTAMPTZ,
    CHECK (expires_at > created_at)
);
CREATE INDEX sessions_user_idx ON core.sessions (user_id);

-- Append-only. Actors are plain ids, not foreign keys: the log outlives the accounts it
-- names. source: api (a signed-in user), cli (an operator at the `hq` command), terminal
-- (pushed by the till that wrote it, with the till's own entry id).
CREATE TABLE core.audit_log (
    id               UUID PRIMARY KEY,
    organization_id  UUID NOT NULL REFERENCES core.organizations (id),
    occurred_at      TIMESTAMPTZ NOT NULL,
    recorded_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    source           TEXT NOT NULL CHECK (source IN ('api', 'cli', 'terminal')),
    user_id          UUID,
    approved_by      UUID,
    terminal_id      UUID REFERENCES pos.terminals (id),
    action           TEXT NOT NULL CHECK (action ~ '^[a-z][a-z_]{0,63}$'),
    entity           TEXT NOT NULL DEFAULT '',
    entity_id        TEXT NOT NULL DEFAULT '',
    detail           TEXT NOT NULL DEFAULT '',
    CHECK ((source = 'terminal') = (terminal_id IS NOT NULL)),
    CHECK (source <> 'api' OR user_id IS NOT NULL)
);
CREATE INDEX audit_log_organization_time_idx ON core.audit_log (organization_id, occurred_at);

CREATE FUNCTION core.refuse_audit_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit log is append-only (% refused)', TG_OP
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$;
CREATE TRIGGER audit_log_append_only
    BEFORE UPDATE OR DELETE ON core.audit_log
    FOR EACH ROW EXECUTE FUNCTION core.refuse_audit_change();
