/**
 * Arca's PostgreSQL engine: a snapshot-consistent dump into entries, and the restore of those entries. Plain Java;
 * knows nothing of chunks, object storage or job systems.
 *
 * <h2>Entry points</h2>
 * <ul>
 *   <li>{@link io.arca.pg.PgDumper#dump(PgConnectionSpec, DumpOptions, EntrySink)} → {@link io.arca.pg.DumpResult}</li>
 *   <li>{@link io.arca.pg.PgRestorer#restore(PgConnectionSpec, RestoreOptions, EntrySource)} →
 *       {@link io.arca.pg.RestoreResult}</li>
 *   <li>{@link io.arca.pg.PgRestorer#preview(PgConnectionSpec, RestoreOptions, EntrySource)} → a dry run:
 *       {@link io.arca.pg.RestorePreview}</li>
 *   <li>{@link io.arca.pg.PgRestorer#createDatabaseIfAbsent(PgConnectionSpec, String)}</li>
 *   <li>{@link io.arca.pg.PlainSqlExport#write(EntrySource, java.io.OutputStream)}: the dump as one psql script</li>
 *   <li>{@link io.arca.pg.verify.TableChecksums#capture(PgConnectionSpec)}: compare a restore with its source</li>
 * </ul>
 * Inputs: {@link io.arca.pg.PgConnectionSpec} (password never printed), {@link io.arca.pg.DumpOptions} (with
 * {@link io.arca.pg.TablePattern} semantics), {@link io.arca.pg.RestoreOptions}, {@link io.arca.pg.PgTools}
 * (where pg_dump/pg_restore are). The caller implements {@link io.arca.pg.EntrySink} (dump) and
 * {@link io.arca.pg.EntrySource} (restore); both are used from several threads at once.
 *
 * <h2>Entries</h2>
 * A dump is a list of {@link io.arca.pg.DumpEntry}s, in restore order: {@code pre-data} (pg_dump custom format,
 * uncompressed), {@code data/<table oid>} per table (COPY text, UTF-8), {@code large-objects} (pg_dump custom
 * format, only when the database has any), {@code sequence-values} (setval SQL), {@code post-data} (pg_dump custom
 * format). Store each entry's name, kind, schema, table and columns in the
 * manifest: the restore needs them back.
 *
 * <h2>Failures</h2>
 * Everything fails with {@link io.arca.pg.PgEngineException} carrying a
 * {@link io.arca.pg.PgEngineException.Reason}; messages never contain the password.
 */
package io.arca.pg;
