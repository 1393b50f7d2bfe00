package io.arca.pg;

/**
 * A range of a table's heap blocks, {@code [fromBlock, toBlock)}; {@code toBlock} is -1 for the last range of a table,
 * which runs to the end of the heap. A split table's data entry is the COPY text of its ranges in order, one segment
 * each ({@link io.arca.pg.dump.BlockRanges}).
 */
public record BlockRange(long fromBlock, long toBlock) {
    public BlockRange {
        if (fromBlock < 0 || toBlock != -1 && toBlock <= fromBlock || toBlock > MAX_BLOCKS) {
            throw new IllegalArgumentException("not a block range: [" + fromBlock + ", " + toBlock + ")");
        }
    }

    /** Block numbers are 32-bit unsigned in PostgreSQL. */
    public static final long MAX_BLOCKS = 0xFFFF_FFFFL;

    /** True for the last range of a table, which runs to the end of the heap. */
    public boolean open() {
        return toBlock == -1;
    }

    /**
     * The condition selecting the range's rows, {@code ctid >= '(from,0)' AND ctid < '(to,0)'}: PostgreSQL 14 and newer
     * scan only those blocks (TID range scan).
     */
    public String ctidCondition() {
        String from = "ctid >= '(" + fromBlock + ",0)'::pg_catalog.tid";
        return open() ? from : from + " AND ctid < '(" + toBlock + ",0)'::pg_catalog.tid";
    }
}
