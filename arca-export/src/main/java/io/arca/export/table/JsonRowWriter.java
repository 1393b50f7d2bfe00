package io.arca.export.table;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * Writes rows as JSON Lines: one object per row on its own line, column name to value in column order, NULL as
 * {@code null}, values by {@link ColumnKind} (every value a string when the types are unknown).
 */
public final class JsonRowWriter implements CopyRowHandler {
    private final OutputStream out;
    private final byte[][] keys;
    private final JsonValue[] values;
    private JsonValue current;

    /** @param kinds one per column */
    public JsonRowWriter(OutputStream out, List<String> columns, List<ColumnKind> kinds) {
        if (kinds.size() != columns.size()) {
            throw new IllegalArgumentException(columns.size() + " columns but " + kinds.size() + " kinds");
        }
        this.out = out;
        this.keys = new byte[columns.size()][];
        this.values = new JsonValue[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            byte[] name = JsonText.quoted(columns.get(i));
            keys[i] = new byte[name.length + 1];
            System.arraycopy(name, 0, keys[i], 0, name.length);
            keys[i][name.length] = ':';
            values[i] = JsonValue.of(kinds.get(i), out, columns.get(i));
        }
    }

    @Override
    public void beginRow() throws IOException {
        out.write('{');
    }

    @Override
    public void nullField(int column) throws IOException {
        key(column);
        out.write(JsonText.NULL);
    }

    @Override
    public void beginField(int column) throws IOException {
        key(column);
        current = values[column];
        current.begin();
    }

    @Override
    public void fieldBytes(byte[] b, int off, int len) throws IOException {
        current.bytes(b, off, len);
    }

    @Override
    public void endField(int column) throws IOException {
        current.end();
    }

    @Override
    public void endRow() throws IOException {
        out.write('}');
        out.write('\n');
    }

    private void key(int column) throws IOException {
        if (column > 0) {
            out.write(',');
        }
        out.write(keys[column]);
    }
}
