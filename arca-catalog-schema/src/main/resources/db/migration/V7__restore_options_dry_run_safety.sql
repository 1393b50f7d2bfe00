-- Arca catalog, version 7: restores you can aim and preview (#14).
--
-- A safety backup is a normal backup of a restore target's objects that the restore will overwrite, taken before it
-- does: origin 'safety', of a database on the target source's server that may not be the source's own database.
alter table backups drop constraint backups_origin_check;
alter table backups add constraint backups_origin_check check (origin in ('api', 'schedule', 'safety'));
-- null: the source's own database (every backup before version 7); else the database on the source's server this
-- backup reads (a safety backup of a restore target)
alter table backups add column database_name text;

-- a dry run reads the manifest and inspects the target, changes nothing, and completes with a preview
alter table restores add column dry_run boolean not null default false;
-- the dry run's preview (objects, tables with rows and bytes, bytes to fetch, conflicts, privileges, estimate, chunks
-- present); for a real restore, the preview its preflight saw
alter table restores add column preview jsonb;
-- what the restore did: rows per table, foreign keys left out, merge counts (inserted, skipped, overwritten)
alter table restores add column result jsonb;
-- the backup of the target's objects taken before they were overwritten (null: nothing overwritten, or skipped)
alter table restores add column safety_backup_id uuid references backups (id);
