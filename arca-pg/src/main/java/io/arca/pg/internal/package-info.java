/**
 * Plumbing shared by {@code io.arca.pg.dump}, {@code io.arca.pg.restore} and {@code io.arca.pg.export}: JDBC
 * sessions, pg_dump/pg_restore child processes, groups of parallel tasks that fail together, entry reading and the
 * translation of failures into {@link io.arca.pg.PgEngineException} reasons. Public only because Java has no
 * narrower visibility across packages; not part of the engine's API.
 */
package io.arca.pg.internal;
