-- Arca catalog, version 2: restore jobs, the chunk index (dedup across a tenant's backups) and per-tenant data keys.

-- A restore job: the worker restores a backup's entries into target_database on the target source's server
-- (created when absent). Same life cycle and lease columns as backups (io.arca.common.job.JobState).
create table restores (
    id                 uuid primary key,
    tenant_id          uuid not null references tenants (id),
    backup_id          uuid not null references backups (id),
    target_source_id   uuid not null references sources (id),
    target_database    text not null,
    -- the validated request options (tables, dropExisting, dataOnly, ...), as the API accepted them
    options            jsonb not null default '{}'::jsonb,
    state              text not null check (state in ('pending', 'queued', 'running', 'completed', 'failed', 'cancelled')),
    attempt            integer not null default 1,

    worker_id          text,
    lease_expires_at   timestamptz,
    heartbeat_at       timestamptz,
    -- set by orphan recovery when it re-queues: the job is re-published once this time has passed (backoff)
    next_attempt_at    timestamptz,

    phase              text,
    bytes_restored     bigint not null default 0,
    tables_done        integer not null default 0,
    tables_total       integer not null default 0,
    error              text,

    created_at         timestamptz not null default now(),
    started_at         timestamptz,
    finished_at        timestamptz,
    updated_at         timestamptz not null default now(),
    version            bigint not null default 0
);
create index restores_tenant_newest on restores (tenant_id, created_at desc, id desc);
create index restores_tenant_backup on restores (tenant_id, backup_id);
create index restores_running_lease on restores (lease_expires_at) where state = 'running';
create index restores_queued_due on restores (next_attempt_at) where state = 'queued';
create index backups_queued_due on backups (next_attempt_at) where state = 'queued';

-- The chunk index: one row per chunk object stored for a tenant (dedup scope = tenant). A row is written
-- after its object was uploaded, so a row always names an existing object.
create table chunks (
    tenant_id    uuid not null references tenants (id),
    -- chunk name = hex SHA-256 (or tenant-keyed HMAC) of the plaintext; the object key derives from it
    name         text not null,
    -- bytes of the encoded (compressed, maybe encrypted) object in the bucket
    stored_size  bigint not null,
    created_at   timestamptz not null default now(),
    primary key (tenant_id, name)
);

-- Which backup references which chunk. Reuse and garbage collection exclude each other through row locks:
--  * a backup that reuses an existing chunk inserts its reference row right away (before it relies on the
--    chunk); the foreign key makes that insert take FOR KEY SHARE on the chunks row, so it waits for a GC
--    transaction holding the row, and fails (foreign key violation) when GC deleted it - the writer then
--    uploads the chunk again instead of trusting a deleted object;
--  * GC selects candidate chunks FOR UPDATE (SKIP LOCKED), re-checks "no reference and older than the grace
--    period" under that lock, deletes the object, then the row, and commits. While it holds the lock no
--    reference can be added; once a reference exists GC's re-check skips the chunk.
--  * references of backups that failed or were deleted are removed by the delete/GC jobs, which frees chunks.
create table backup_chunks (
    backup_id    uuid not null references backups (id) on delete cascade,
    tenant_id    uuid not null,
    chunk_name   text not null,
    created_at   timestamptz not null default now(),
    primary key (backup_id, chunk_name),
    foreign key (tenant_id, chunk_name) references chunks (tenant_id, name)
);
create index backup_chunks_by_chunk on backup_chunks (tenant_id, chunk_name);

-- Per-tenant data keys for encrypted backups: the 256-bit key sealed by the master key
-- (io.arca.common.crypto.SecretSealer, AAD "tenant-key:<tenant_id>:<key_id>"). Rotating the master key
-- re-seals wrapped_key only. At most one active key per tenant; old keys stay to read old backups.
create table tenant_keys (
    tenant_id    uuid not null references tenants (id),
    key_id       text not null,
    wrapped_key  bytea not null,
    created_at   timestamptz not null default now(),
    active       boolean not null default true,
    primary key (tenant_id, key_id)
);
create unique index tenant_keys_one_active on tenant_keys (tenant_id) where active;
