package io.arca.pg;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What to dump. Patterns follow {@link TablePattern}; they apply to tables, partitioned tables, views, materialized
 * views, foreign tables and sequences (a sequence owned by a table — serial or identity — follows its table).
 *
 * <ul>
 *   <li>{@code include}: when non-empty, only matching relations are dumped (schema and data). Other object kinds
 *       (schemas, types, functions, extensions) are always dumped, so the selection restores into an empty
 *       database; dependencies between relations (a view on an unselected table) are not followed.</li>
 *   <li>{@code exclude}: matching relations are left out entirely; wins over include.</li>
 *   <li>{@code excludeData}: matching tables keep their definition but get no data entry.</li>
 * </ul>
 *
 * Large objects are dumped as pg_dump does by default: in FULL dumps without include patterns.
 *
 * @param parallelism     number of sessions copying table data at once (default 2)
 * @param lockWaitTimeout how long any session waits for a table lock before the dump fails with LOCK_TIMEOUT
 *                        (another session holding or queueing an exclusive lock); zero means wait forever
 * @param splitBytes      a table whose heap holds at least twice this many bytes is dumped as block ranges of this
 *                        size, in parallel, as the segments of one entry ({@link io.arca.pg.dump.BlockRanges});
 *                        0 never splits. Takes effect on PostgreSQL 14 and newer (TID range scans) and with a sink
 *                        that takes segments.
 */
public record DumpOptions(Type type, List<TablePattern> include, List<TablePattern> exclude,
                          List<TablePattern> excludeData, int parallelism, Duration lockWaitTimeout,
                          long splitBytes) {

    public static final int DEFAULT_PARALLELISM = 2;
    public static final Duration DEFAULT_LOCK_WAIT_TIMEOUT = Duration.ofSeconds(60);
    /** 64 MiB: a table of 128 MiB or more is split; a scale-50 pgbench_accounts (640 MiB) into 10 ranges. */
    public static final long DEFAULT_SPLIT_BYTES = 64L * 1024 * 1024;

    /** Which sections a dump holds. */
    public enum Type {
        /** pre-data, table data, sequence values, post-data. */
        FULL,
        /** pre-data and post-data only. */
        SCHEMA_ONLY,
        /** table data and sequence values only. */
        DATA_ONLY;

        public boolean hasSchema() {
            return this != DATA_ONLY;
        }

        public boolean hasData() {
            return this != SCHEMA_ONLY;
        }
    }

    public DumpOptions {
        Objects.requireNonNull(type, "type");
        include = include == null ? List.of() : List.copyOf(include);
        exclude = exclude == null ? List.of() : List.copyOf(exclude);
        excludeData = excludeData == null ? List.of() : List.copyOf(excludeData);
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, was " + parallelism);
        }
        lockWaitTimeout = lockWaitTimeout == null ? DEFAULT_LOCK_WAIT_TIMEOUT : lockWaitTimeout;
        if (lockWaitTimeout.isNegative()) {
            throw new IllegalArgumentException("lockWaitTimeout must not be negative");
        }
        if (splitBytes < 0) {
            throw new IllegalArgumentException("splitBytes must not be negative");
        }
    }

    public DumpOptions(Type type, List<TablePattern> include, List<TablePattern> exclude,
                       List<TablePattern> excludeData, int parallelism, Duration lockWaitTimeout) {
        this(type, include, exclude, excludeData, parallelism, lockWaitTimeout, DEFAULT_SPLIT_BYTES);
    }

    /** Everything, two sessions. */
    public static DumpOptions full() {
        return of(Type.FULL);
    }

    public static DumpOptions of(Type type) {
        return new DumpOptions(type, List.of(), List.of(), List.of(), DEFAULT_PARALLELISM, DEFAULT_LOCK_WAIT_TIMEOUT);
    }

    public DumpOptions withInclude(String... patterns) {
        return new DumpOptions(type, patterns(patterns), exclude, excludeData, parallelism, lockWaitTimeout, splitBytes);
    }

    public DumpOptions withExclude(String... patterns) {
        return new DumpOptions(type, include, patterns(patterns), excludeData, parallelism, lockWaitTimeout, splitBytes);
    }

    public DumpOptions withExcludeData(String... patterns) {
        return new DumpOptions(type, include, exclude, patterns(patterns), parallelism, lockWaitTimeout, splitBytes);
    }

    public DumpOptions withParallelism(int sessions) {
        return new DumpOptions(type, include, exclude, excludeData, sessions, lockWaitTimeout, splitBytes);
    }

    public DumpOptions withLockWaitTimeout(Duration timeout) {
        return new DumpOptions(type, include, exclude, excludeData, parallelism, timeout, splitBytes);
    }

    public DumpOptions withSplitBytes(long bytes) {
        return new DumpOptions(type, include, exclude, excludeData, parallelism, lockWaitTimeout, bytes);
    }

    /** True when include or exclude patterns restrict the relations. */
    public boolean filtersRelations() {
        return !include.isEmpty() || !exclude.isEmpty();
    }

    private static List<TablePattern> patterns(String... texts) {
        return java.util.Arrays.stream(texts).map(TablePattern::of).toList();
    }
}
