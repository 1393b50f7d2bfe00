package io.arca.export.table;

import java.io.IOException;

/**
 * Receives COPY rows as {@link CopyTextParser} decodes them, field by field and a field's bytes in pieces, so a
 * value of any size (a 1 GB bytea) passes without being held whole. Calls per row: {@code beginRow}, then per column
 * either {@code nullField} or {@code beginField}, {@code fieldBytes}* (decoded bytes: escapes resolved), {@code
 * endField}; then {@code endRow}.
 */
public interface CopyRowHandler {
    void beginRow() throws IOException;

    void nullField(int column) throws IOException;

    void beginField(int column) throws IOException;

    void fieldBytes(byte[] b, int off, int len) throws IOException;

    void endField(int column) throws IOException;

    void endRow() throws IOException;
}
