-- The audit log's API and console page list a tenant's entries newest first by id (keyset paging on id): one index
-- serves both the order and the cursor, however long the log grows.
create index audit_log_tenant_id on audit_log (tenant_id, id desc);
