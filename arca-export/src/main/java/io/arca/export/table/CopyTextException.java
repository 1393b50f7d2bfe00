package io.arca.export.table;

/** A table entry is not the COPY text its dump plan describes (wrong column count, truncated row). */
public class CopyTextException extends RuntimeException {
    public CopyTextException(String message) {
        super(message);
    }
}
