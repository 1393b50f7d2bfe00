/**
 * Arca's PostgreSQL engine: a snapshot-consistent dump into entries, and the restore of those entries. Plain Java;
 * knows nothing of chunks, object storage or job systems.
 *
 * <h2>Packages</h2>
 * <ul>
 *   <li>{@code io.arca.pg} (this one): the vocabulary dump, restore and export share — the connection
 *       ({@link io.arca.pg.PgConnectionSpec}, password never printed), the client programs
 *       ({@link io.arca.pg.PgTools}), what to do ({@link io.arca.pg.DumpOptions} with {@link io.arca.pg.TablePattern}
 *       semantics, {@link io.arca.pg.RestoreOptions}), failures ({@link io.arca.pg.PgEngineException} with a
 *       {@link io.arca.pg.PgEngineException.Reason}; messages never contain the password), quoting
 *       ({@link io.arca.pg.Identifiers}), and the stored format of a dump: its entries ({@link io.arca.pg.DumpEntry},
 *       {@link io.arca.pg.EntryKind}) and the interfaces the caller implements to store and read them
 *       ({@link io.arca.pg.EntrySink}, {@link io.arca.pg.EntrySource}; both are used from several threads at
 *       once).</li>
 *   <li>{@code io.arca.pg.dump}: {@code PgDumper.dump(spec, DumpOptions, EntrySink)} → {@code DumpResult}.</li>
 *   <li>{@code io.arca.pg.restore}: {@code PgRestorer.restore(spec, RestoreOptions, EntrySource)} →
 *       {@code RestoreResult}; {@code preview(...)} (a dry run) → {@code RestorePreview};
 *       {@code createDatabaseIfAbsent}; {@code RestoreTargets} (a restore job's own target database).</li>
 *   <li>{@code io.arca.pg.export}: {@code PlainSqlExport.write(EntrySource, OutputStream)}, the dump as one psql
 *       script.</li>
 *   <li>{@code io.arca.pg.verify}: {@code TableChecksums.capture(spec)}, to compare a restore with its source.</li>
 *   <li>{@code io.arca.pg.internal}: plumbing the others share; not API.</li>
 * </ul>
 *
 * <h2>Entries</h2>
 * A dump is a list of {@link io.arca.pg.DumpEntry}s, in restore order: {@code pre-data} (pg_dump custom format,
 * uncompressed), {@code data/<table oid>} per table (COPY text, UTF-8), {@code large-objects} (pg_dump custom
 * format, only when the database has any), {@code sequence-values} (setval SQL), {@code post-data} (pg_dump custom
 * format). Store each entry's name, kind, schema, table and columns with the dump: the restore needs them back.
 * {@code docs/archive-format.md} describes every entry as stored in the bucket.
 */
package io.arca.pg;
