-- Arca catalog, version 6: Idempotency-Key on restore requests, as on backups: a retried POST /restores with the same
-- key returns the same restore; the same key with another request is refused (the hash of the canonical request).
alter table restores add column idempotency_key text;
alter table restores add column request_hash text;
create unique index restores_idempotency on restores (tenant_id, idempotency_key) where idempotency_key is not null;
