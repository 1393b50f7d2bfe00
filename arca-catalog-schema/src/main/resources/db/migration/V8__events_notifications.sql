-- Arca catalog, version 8: notifications and live events (#15).
--
-- Facts on backup.events are ingested once (consumer group arca-notifications in scheduler-service) into the event
-- log below; the log feeds the SSE stream and long polls of every api-service replica, and each ingested event that a
-- channel's filter accepts becomes one delivery of that channel.

-- The public event log: every event in the order it was committed. seq is assigned from event_log_head under that
-- row's lock in the inserting transaction, so seq order is commit order: a reader that has seen seq N never later
-- finds a committed event with a smaller seq (a bigserial would not promise that). seq is the SSE event id.
create table event_log_head (
    id  int primary key check (id = 1),
    seq bigint not null
);
insert into event_log_head (id, seq) values (1, 0);

create table events (
    seq         bigint primary key,
    -- the event's id (the Kafka fact's eventId, or a derived event's own): ingesting a fact twice adds nothing
    id          uuid not null unique,
    tenant_id   uuid not null,
    type        text not null,
    occurred_at timestamptz not null,
    recorded_at timestamptz not null default now(),
    -- the subject ids a stream may filter on (also inside body.subject)
    job_id      uuid,
    source_id   uuid,
    -- the public envelope exactly as webhooks, emails and the stream show it (io.arca.events.ArcaEvent, version 1)
    body        jsonb not null
);
create index events_tenant_seq on events (tenant_id, seq);
create index events_recorded_at on events (recorded_at);

-- A tenant's notification channels. A webhook's secret is sealed under the master key (context
-- webhook-secret:<channelId>); during a rotation's overlap the previous secret signs too.
create table notification_channels (
    id                          uuid primary key,
    tenant_id                   uuid not null references tenants (id),
    name                        text not null,
    kind                        text not null check (kind in ('webhook', 'email')),
    -- event types or patterns ('backup.failed', 'backup.*', '*') the channel receives
    event_types                 text[] not null,
    enabled                     boolean not null default true,
    -- why it is disabled (null while enabled): 'manual' or the sustained failure that disabled it
    disabled_reason             text,
    disabled_at                 timestamptz,
    -- webhook
    url                         text,
    headers                     jsonb not null default '{}',
    secret_sealed               bytea,
    previous_secret_sealed      bytea,
    previous_secret_expires_at  timestamptz,
    -- email: recipients, and the digest window (null: one email per event)
    recipients                  text[],
    digest_minutes              int check (digest_minutes is null or digest_minutes between 1 and 1440),
    -- since when every attempt failed (null after a success): sustained failure disables the channel
    failing_since               timestamptz,
    last_success_at             timestamptz,
    created_at                  timestamptz not null default now(),
    updated_at                  timestamptz not null default now(),
    version                     bigint not null default 0,
    check ((kind = 'webhook' and url is not null and secret_sealed is not null)
        or (kind = 'email' and recipients is not null and cardinality(recipients) > 0))
);
create unique index notification_channels_tenant_name on notification_channels (tenant_id, name);
create index notification_channels_tenant on notification_channels (tenant_id, created_at desc, id desc);

-- One event for one channel. The webhook-id of every attempt is event_id, so a receiver can de-duplicate.
-- States: pending (due at next_attempt_at) -> sending (leased until lease_expires_at; an expired lease is due again:
-- the sender died between sending and recording) -> delivered | pending (retry) | failed (retries used up, or the
-- channel was disabled). A manual redelivery moves delivered/failed back to pending.
create table notification_deliveries (
    id               uuid primary key,
    tenant_id        uuid not null,
    channel_id       uuid not null references notification_channels (id) on delete cascade,
    event_id         uuid not null,
    event_type       text not null,
    state            text not null check (state in ('pending', 'sending', 'delivered', 'failed')),
    attempt          int not null default 0,
    next_attempt_at  timestamptz,
    lease_expires_at timestamptz,
    delivered_at     timestamptz,
    -- the last attempt's outcome (every attempt is in notification_attempts)
    last_status      int,
    last_error       text,
    created_at       timestamptz not null default now(),
    updated_at       timestamptz not null default now(),
    unique (channel_id, event_id)
);
create index notification_deliveries_due on notification_deliveries (next_attempt_at)
    where state = 'pending';
create index notification_deliveries_leased on notification_deliveries (lease_expires_at)
    where state = 'sending';
create index notification_deliveries_channel on notification_deliveries (channel_id, created_at desc, id desc);

-- The delivery log: one row per attempt.
create table notification_attempts (
    id               bigint generated always as identity primary key,
    delivery_id      uuid not null references notification_deliveries (id) on delete cascade,
    attempt          int not null,
    attempted_at     timestamptz not null,
    -- 'delivered' (2xx / accepted by the SMTP server) or 'failed'
    outcome          text not null check (outcome in ('delivered', 'failed')),
    response_status  int,
    latency_ms       int not null,
    -- why it failed (timeout, refused destination, redirect to another host, SMTP error, ...)
    error            text,
    -- at most 512 characters of the response body
    response_excerpt text
);
create index notification_attempts_delivery on notification_attempts (delivery_id, attempt);

-- backup.late is emitted once per late episode: when a source is late and has no late event since its newest
-- successful backup.
alter table sources add column late_notified_at timestamptz;
