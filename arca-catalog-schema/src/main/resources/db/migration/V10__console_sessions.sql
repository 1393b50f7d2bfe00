-- Web console sessions (api-service io.arca.api.console.session): a signed-in browser holds a random token in an
-- HttpOnly cookie; only its SHA-256 is stored. The session acts as the API key it was opened with, so revoking the
-- key ends its sessions too. Sign-out sets revoked_at; expired and revoked rows are deleted on later sign-ins.
create table console_sessions (
    id          uuid primary key,
    token_hash  bytea not null unique,
    -- the synchronizer token every mutating request of the session must send (X-CSRF-Token or a form field)
    csrf_token  text not null,
    api_key_id  uuid not null references api_keys (id),
    tenant_id   uuid not null references tenants (id),
    created_at  timestamptz not null default now(),
    expires_at  timestamptz not null,
    revoked_at  timestamptz
);

create index console_sessions_key on console_sessions (api_key_id);
create index console_sessions_expiry on console_sessions (expires_at);
