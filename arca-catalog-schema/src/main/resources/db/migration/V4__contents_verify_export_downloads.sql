-- Arca catalog, version 4: backup contents, verification (a job kind), exports (a job kind) and download links.

-- What the API lists as a backup's contents, written by the worker in the transaction that completes the backup,
-- so the API never decrypts a manifest to answer GET /backups/{id}/contents. One row per manifest entry, in
-- manifest order. Backups completed before version 4 get their rows from their manifest on first request.
create table backup_entries (
    backup_id     uuid not null references backups (id) on delete cascade,
    tenant_id     uuid not null,
    ordinal       integer not null,
    -- the entry's name in the manifest (pre-data, data/<oid>, large-objects, sequence-values, post-data, dump-plan)
    name          text not null,
    -- the manifest's kind label: pre-data, table-data, large-objects, sequence-values, post-data, dump-plan
    kind          text not null,
    schema_name   text,
    table_name    text,
    row_count     bigint,
    -- plaintext bytes of the entry, and the stored bytes of its chunks (a chunk shared with other backups counts)
    bytes         bigint not null,
    stored_bytes  bigint not null,
    chunk_count   integer not null,
    sha256        text not null,
    primary key (backup_id, ordinal)
);

-- Verification results and the corrupted flag. "corrupted" is not a job state: the backup job completed, and a
-- later verify (or a download that hit a bad chunk) found its stored objects damaged. Restores and downloads of a
-- corrupted backup are refused unless the request says force.
alter table backups add column verification jsonb;
alter table backups add column verified_at timestamptz;
alter table backups add column corrupted boolean not null default false;
alter table backups add column proven_restorable_at timestamptz;
-- download links issued before this time are invalid (DELETE /backups/{id}/download-links)
alter table backups add column links_valid_after timestamptz;
alter table sources add column last_proven_restorable_at timestamptz;
create index backups_tenant_corrupted on backups (tenant_id) where corrupted;

-- A verify job: reads every chunk of a backup, checks names, tags and entry hashes; deep verifies also restore
-- into a scratch database on target_source_id and compare every table with the backup. Same job columns as
-- backups; source_id is the backup's source (job messages are keyed by it).
create table verifications (
    id                 uuid primary key,
    tenant_id          uuid not null references tenants (id),
    backup_id          uuid not null references backups (id) on delete cascade,
    source_id          uuid not null references sources (id),
    deep               boolean not null default false,
    target_source_id   uuid references sources (id),
    state              text not null check (state in ('pending', 'queued', 'running', 'completed', 'failed', 'cancelled')),
    attempt            integer not null default 1,

    worker_id          text,
    lease_expires_at   timestamptz,
    heartbeat_at       timestamptz,
    next_attempt_at    timestamptz,

    phase              text,
    chunks_checked     bigint not null default 0,
    chunks_total       bigint not null default 0,
    bytes_checked      bigint not null default 0,
    tables_done        integer not null default 0,
    tables_total       integer not null default 0,
    -- the outcome, and every problem found: ok (none), corrupted (a chunk or entry is damaged), restore-mismatch
    -- (deep: the objects are intact but a restored table differs from the backup; not proven restorable)
    result             text check (result in ('ok', 'corrupted', 'restore-mismatch')),
    problems           jsonb not null default '[]'::jsonb,
    error              text,

    created_at         timestamptz not null default now(),
    started_at         timestamptz,
    finished_at        timestamptz,
    updated_at         timestamptz not null default now(),
    version            bigint not null default 0
);
create index verifications_tenant_newest on verifications (tenant_id, created_at desc, id desc);
-- at most one verify of a backup is pending, queued or running at a time: a second request returns it
create unique index verifications_one_active on verifications (backup_id)
    where state in ('pending', 'queued', 'running');
create index verifications_running_lease on verifications (lease_expires_at) where state = 'running';
create index verifications_queued_due on verifications (next_attempt_at) where state = 'queued';

-- An export job: renders a backup in a download format (sql, csv, json, archive) into one object in the bucket
-- (tenants/<tenant>/exports/<id>/<filename>), streamed by multipart upload. The scheduler deletes expired ones.
create table exports (
    id                 uuid primary key,
    tenant_id          uuid not null references tenants (id),
    backup_id          uuid not null references backups (id) on delete cascade,
    source_id          uuid not null references sources (id),
    format             text not null,
    compression        text not null,
    -- the validated request: {"tables": [...], "force": bool}
    options            jsonb not null default '{}'::jsonb,
    state              text not null check (state in ('pending', 'queued', 'running', 'completed', 'failed', 'cancelled')),
    attempt            integer not null default 1,

    worker_id          text,
    lease_expires_at   timestamptz,
    heartbeat_at       timestamptz,
    next_attempt_at    timestamptz,

    phase              text,
    bytes_written      bigint not null default 0,
    tables_done        integer not null default 0,
    tables_total       integer not null default 0,
    error              text,

    object_key         text,
    filename           text,
    size               bigint,
    sha256             text,
    -- when the export's object is deleted (set at creation from arca.exports.retention; default 7 days)
    expires_at         timestamptz not null,
    -- set once the object is gone (expired or DELETE /exports/{id}); the row stays, so a late GET answers 410
    deleted_at         timestamptz,

    created_at         timestamptz not null default now(),
    started_at         timestamptz,
    finished_at        timestamptz,
    updated_at         timestamptz not null default now(),
    version            bigint not null default 0
);
create index exports_tenant_newest on exports (tenant_id, created_at desc, id desc);
create index exports_expiring on exports (expires_at) where deleted_at is null;
create index exports_running_lease on exports (lease_expires_at) where state = 'running';
create index exports_queued_due on exports (next_attempt_at) where state = 'queued';
