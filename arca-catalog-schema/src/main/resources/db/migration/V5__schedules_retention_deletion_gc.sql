-- Arca catalog, version 5: schedules and their fires, retention (policies, pins, the backup's life after completion),
-- backup deletion and garbage collection (two job kinds), readers that hold a backup, restore drills.

-- A schedule: a source backed up on a timetable, with the options of POST /backups, a retention policy for the
-- backups it makes and an optional restore drill. Edited optimistically (If-Match: the version).
create table schedules (
    id              uuid primary key,
    tenant_id       uuid not null references tenants (id),
    source_id       uuid not null references sources (id),
    name            text not null,
    enabled         boolean not null default true,
    -- the validated backup options (io.arca.jobs.options.BackupOptions) and labels each fire's backup gets
    backup_options  jsonb not null,
    labels          jsonb not null default '{}'::jsonb,
    -- the timing as the user gave it ({"cron": "0 2 * * *"} or {"preset": "daily", "at": "02:30"}, ...)
    timing          jsonb not null,
    -- the 5-field cron expression the timing compiles to (presets too): what the scheduler evaluates
    cron            text not null,
    -- IANA zone the cron is read in
    time_zone       text not null default 'UTC',
    -- what a fire does while this schedule's previous backup is still pending, queued or running
    overlap         text not null default 'skip' check (overlap in ('skip', 'queue')),
    -- retention policy of the backups this schedule made (null: keep them all)
    retention       jsonb,
    -- restore drill policy ({"every": "P7D", "targetSourceId": ...}; null: no drills)
    drill           jsonb,
    -- the next fire time (null while disabled); the scheduler claims rows whose time has come
    next_run_at     timestamptz,
    -- the next drill (null: no drill policy or disabled)
    next_drill_at   timestamptz,
    -- when retention last evaluated this schedule's backups
    retention_checked_at timestamptz,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    version         bigint not null default 0,
    unique (tenant_id, name)
);
create index schedules_due on schedules (next_run_at) where enabled;
create index schedules_drill_due on schedules (next_drill_at) where enabled and next_drill_at is not null;
create index schedules_tenant_source on schedules (tenant_id, source_id);

-- Every fire of a schedule, on the timetable or run now: the backup it created, or why it was skipped.
-- The unique key makes a second fire of one slot impossible, whatever the number of scheduler replicas.
create table schedule_fires (
    id            bigserial primary key,
    schedule_id   uuid not null references schedules (id) on delete cascade,
    tenant_id     uuid not null,
    -- the slot: the timetable's fire time, or the request time of a run-now
    fire_time     timestamptz not null,
    recorded_at   timestamptz not null,
    trigger       text not null check (trigger in ('timetable', 'manual')),
    outcome       text not null check (outcome in ('created', 'skipped')),
    reason        text,
    backup_id     uuid references backups (id) on delete set null,
    unique (schedule_id, fire_time)
);
create index schedule_fires_newest on schedule_fires (schedule_id, fire_time desc);

-- Where a backup came from, and for scheduled ones the slot and how late it fired.
alter table backups add column origin text not null default 'api' check (origin in ('api', 'schedule'));
alter table backups add column schedule_id uuid references schedules (id) on delete set null;
alter table backups add column scheduled_for timestamptz;
alter table backups add column late_by_ms bigint;
create index backups_schedule_newest on backups (schedule_id, created_at desc) where schedule_id is not null;

-- Pins: a pinned backup never expires and cannot be deleted.
alter table backups add column pinned_at timestamptz;
alter table backups add column pin_reason text;

-- A backup's life after its job: live; expiring (retention chose to delete it) or deleting (a user or a source
-- deletion asked), both with a delete job issued; deleted (manifest gone, chunk references dropped; the row stays
-- as history). Independent of the job state, which stays what the backup job ended with.
alter table backups add column lifecycle text not null default 'live'
    check (lifecycle in ('live', 'expiring', 'deleting', 'deleted'));
alter table backups add column deletion_requested_at timestamptz;
alter table backups add column deletion_reason text
    check (deletion_reason in ('retention', 'user', 'source-deleted', 'failed-cleanup'));
-- what decided it: the retention rule evaluation, the user's key, the source deletion
alter table backups add column deletion_detail text;
alter table backups add column deleted_at timestamptz;
create index backups_tenant_source_live on backups (tenant_id, source_id, created_at desc) where lifecycle = 'live';

-- Default retention policy for a source's backups that no schedule made (null: keep them all).
alter table sources add column retention jsonb;
alter table sources add column retention_checked_at timestamptz;
-- A deleted source stays as the history of its backups; its name is free again.
alter table sources add column deleted_at timestamptz;
alter table sources drop constraint sources_tenant_id_name_key;
create unique index sources_tenant_name on sources (tenant_id, name) where deleted_at is null;

-- Drills are deep verifications the scheduler starts for a schedule.
alter table verifications add column origin text not null default 'api' check (origin in ('api', 'drill'));
alter table verifications add column schedule_id uuid references schedules (id) on delete set null;

-- Readers outside the job tables that hold a backup open (a download being streamed by the API): a lease the reader
-- extends while it reads and removes when done. A backup with a live reader (or an unfinished restore, export or
-- verification) is not deleted until the reader is gone.
create table backup_readers (
    id          uuid primary key,
    backup_id   uuid not null references backups (id) on delete cascade,
    tenant_id   uuid not null,
    kind        text not null check (kind in ('download')),
    started_at  timestamptz not null default now(),
    expires_at  timestamptz not null
);
create index backup_readers_backup on backup_readers (backup_id, expires_at);

-- A delete job: removes a backup's manifest (and anything else under its prefix) and its chunk references, then
-- marks the backup deleted. Chunks nobody references any more are left to garbage collection.
-- Same job columns as backups; source_id is the backup's source (job messages are keyed by it).
create table backup_deletions (
    id                   uuid primary key,
    tenant_id            uuid not null references tenants (id),
    backup_id            uuid not null references backups (id),
    source_id            uuid not null references sources (id),
    reason               text not null check (reason in ('retention', 'user', 'source-deleted', 'failed-cleanup')),
    detail               text,
    state                text not null check (state in ('pending', 'queued', 'running', 'completed', 'failed', 'cancelled')),
    attempt              integer not null default 1,

    worker_id            text,
    lease_expires_at     timestamptz,
    heartbeat_at         timestamptz,
    next_attempt_at      timestamptz,

    phase                text,
    tables_done          integer not null default 0,
    tables_total         integer not null default 0,
    objects_deleted      integer not null default 0,
    references_removed   bigint not null default 0,
    error                text,

    created_at           timestamptz not null default now(),
    started_at           timestamptz,
    finished_at          timestamptz,
    updated_at           timestamptz not null default now(),
    version              bigint not null default 0
);
create index backup_deletions_tenant_newest on backup_deletions (tenant_id, created_at desc, id desc);
-- one unfinished delete job per backup: a second request returns it
create unique index backup_deletions_one_active on backup_deletions (backup_id)
    where state in ('pending', 'queued', 'running');
create index backup_deletions_running_lease on backup_deletions (lease_expires_at) where state = 'running';
create index backup_deletions_queued_due on backup_deletions (next_attempt_at) where state = 'queued';

-- A garbage collection run over one tenant's chunks: deletes chunk objects and rows that no backup references and
-- that are older than the grace period (cutoff), in key-range batches (resume_after: the last name done, so a run
-- re-queued after a kill goes on from there), and adopts objects in the tenant's chunk prefix that no row names (a
-- crashed backup's uploads) into the index, unreferenced, so a later run past the grace period deletes them.
-- Messages are keyed by tenant_id (no source).
create table gc_runs (
    id                 uuid primary key,
    tenant_id          uuid not null references tenants (id),
    trigger            text not null check (trigger in ('schedule', 'admin')),
    grace_seconds      bigint not null,
    -- chunks created at or after this time are never candidates of this run
    cutoff             timestamptz not null,
    state              text not null check (state in ('pending', 'queued', 'running', 'completed', 'failed', 'cancelled')),
    attempt            integer not null default 1,

    worker_id          text,
    lease_expires_at   timestamptz,
    heartbeat_at       timestamptz,
    next_attempt_at    timestamptz,

    phase              text,
    tables_done        integer not null default 0,
    tables_total       integer not null default 0,
    resume_after       text,
    chunks_scanned     bigint not null default 0,
    chunks_deleted     bigint not null default 0,
    bytes_freed        bigint not null default 0,
    orphans_adopted    bigint not null default 0,
    error              text,

    created_at         timestamptz not null default now(),
    started_at         timestamptz,
    finished_at        timestamptz,
    updated_at         timestamptz not null default now(),
    version            bigint not null default 0
);
create index gc_runs_tenant_newest on gc_runs (tenant_id, created_at desc, id desc);
-- one unfinished gc run per tenant
create unique index gc_runs_one_active on gc_runs (tenant_id) where state in ('pending', 'queued', 'running');
create index gc_runs_running_lease on gc_runs (lease_expires_at) where state = 'running';
create index gc_runs_queued_due on gc_runs (next_attempt_at) where state = 'queued';
-- GC's candidate scan: unreferenced chunks by key range
create index chunks_tenant_created on chunks (tenant_id, created_at);
