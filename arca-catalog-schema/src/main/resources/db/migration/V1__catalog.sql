-- Arca catalog, version 1: tenants, keys, sources, backups, outbox, processed events, audit log.
-- Every tenant-owned row carries tenant_id and every query filters on it. Mutable job rows carry an
-- optimistic "version" column (JPA @Version). Later features add tables in new migrations (V2__..., V3__...).

create table tenants (
    id          uuid primary key,
    name        text not null unique,
    created_at  timestamptz not null default now()
);

create table api_keys (
    id            uuid primary key,
    tenant_id     uuid not null references tenants (id),
    name          text not null,
    role          text not null check (role in ('admin', 'operator', 'viewer')),
    -- the first characters of the secret, shown in listings so people can tell keys apart
    key_prefix    text not null,
    -- SHA-256 of the whole secret; the secret itself is shown once and never stored
    key_hash      bytea not null unique,
    -- the key registered from configuration (arca.security.bootstrap-admin-key): the only one that may create tenants
    bootstrap     boolean not null default false,
    created_at    timestamptz not null default now(),
    revoked_at    timestamptz,
    last_used_at  timestamptz
);
create index api_keys_tenant on api_keys (tenant_id, created_at desc);

create table sources (
    id               uuid primary key,
    tenant_id        uuid not null references tenants (id),
    name             text not null,
    type             text not null default 'postgresql' check (type in ('postgresql')),
    host             text not null,
    port             integer not null check (port between 1 and 65535),
    database_name    text not null,
    username         text not null,
    -- AES-256-GCM under the master key (io.arca.common.crypto.SecretSealer), AAD "source-password:<id>"
    password_sealed  bytea not null,
    ssl_mode         text not null default 'prefer',
    labels           jsonb not null default '{}'::jsonb,
    created_at       timestamptz not null default now(),
    updated_at       timestamptz not null default now(),
    version          bigint not null default 0,
    unique (tenant_id, name)
);

create table backups (
    id                 uuid primary key,
    tenant_id          uuid not null references tenants (id),
    source_id          uuid not null references sources (id),
    type               text not null check (type in ('full', 'schema-only', 'data-only')),
    -- the validated request options (tables, compression, encrypt), as the API accepted them
    options            jsonb not null,
    labels             jsonb not null default '{}'::jsonb,
    state              text not null check (state in ('pending', 'queued', 'running', 'completed', 'failed', 'cancelled')),
    attempt            integer not null default 1,
    idempotency_key    text,
    -- SHA-256 of the canonical request body, so a reused Idempotency-Key with another body is refused
    request_hash       text,

    -- execution: which worker holds it and until when (lease), heartbeats extend the lease
    worker_id          text,
    lease_expires_at   timestamptz,
    heartbeat_at       timestamptz,
    next_attempt_at    timestamptz,

    -- progress while running (updated at most every few seconds)
    phase              text,
    bytes_read         bigint not null default 0,
    bytes_stored       bigint not null default 0,
    tables_done        integer not null default 0,
    tables_total       integer not null default 0,
    chunks_new         bigint not null default 0,
    chunks_reused      bigint not null default 0,

    -- result
    logical_size       bigint,
    stored_size        bigint,
    new_bytes          bigint,
    dedup_ratio        double precision,
    table_stats        jsonb,
    manifest_key       text,
    manifest_sha256    text,
    server_version     text,
    error              text,

    created_at         timestamptz not null default now(),
    started_at         timestamptz,
    finished_at        timestamptz,
    updated_at         timestamptz not null default now(),
    version            bigint not null default 0
);
create unique index backups_idempotency on backups (tenant_id, idempotency_key) where idempotency_key is not null;
create index backups_tenant_newest on backups (tenant_id, created_at desc, id desc);
create index backups_tenant_source on backups (tenant_id, source_id, created_at desc);
create index backups_running_lease on backups (lease_expires_at) where state = 'running';

-- Transactional outbox: a state change and its message are written in one transaction; the relay in
-- api-service publishes unpublished rows in id order (per key order follows) and stamps published_at.
create table outbox (
    id            bigserial primary key,
    -- logical stream (io.arca.common.messages.MessageStreams): 'jobs', 'events', 'jobs-dlq'
    stream        text not null,
    message_key   text not null,
    payload       jsonb not null,
    tenant_id     uuid,
    created_at    timestamptz not null default now(),
    published_at  timestamptz,
    attempts      integer not null default 0,
    last_error    text
);
create index outbox_unpublished on outbox (id) where published_at is null;

-- Idempotent consumers record what they handled: (consumer, message id) is handled once.
create table processed_events (
    consumer      text not null,
    event_id      uuid not null,
    processed_at  timestamptz not null default now(),
    primary key (consumer, event_id)
);

create table audit_log (
    id           bigserial primary key,
    tenant_id    uuid,
    actor_key_id uuid,
    action       text not null,
    target_type  text not null,
    target_id    text,
    details      jsonb not null default '{}'::jsonb,
    at           timestamptz not null default now()
);
create index audit_log_tenant on audit_log (tenant_id, at desc);
