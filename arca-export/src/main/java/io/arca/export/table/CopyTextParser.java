package io.arca.export.table;

import java.io.IOException;
import java.io.InputStream;

/**
 * Streams PostgreSQL's COPY text format ({@code COPY ... TO STDOUT}, the default format): rows end with a newline,
 * fields are separated by tabs, a field that is exactly {@code \N} is NULL, and backslash escapes are
 * {@code \b \f \n \r \t \v \\}, {@code \NNN} (1-3 octal digits) and {@code \xHH} (1-2 hex digits); a backslash
 * before any other character stands for that character. Decoded bytes go to a {@link CopyRowHandler} in runs, never
 * more than the read buffer at once, so memory stays bounded whatever the size of a value.
 */
public final class CopyTextParser {
    private static final int BUFFER = 64 * 1024;

    private enum State {
        /** Nothing of the current field seen yet. */
        FIELD_START,
        /** A backslash at the start of a field: NULL if {@code N} and a separator follow. */
        MAYBE_NULL,
        /** {@code \N} at the start of a field. */
        NULL_MARK,
        /** Inside a field. */
        PLAIN,
        BACKSLASH,
        OCTAL,
        HEX
    }

    private final int columns;
    private final CopyRowHandler handler;
    private final String table;
    private final byte[] one = new byte[1];
    private State state = State.FIELD_START;
    private int column;
    private int escapeValue;
    private int escapeDigits;
    private long row;

    /**
     * @param columns the number of columns each row has (0: a table without columns, each row an empty line)
     * @param table   for messages
     */
    public CopyTextParser(int columns, CopyRowHandler handler, String table) {
        this.columns = columns;
        this.handler = handler;
        this.table = table;
    }

    /** Parses the whole stream (read failures propagate as they are); returns the number of rows. */
    public long parse(InputStream in) throws IOException {
        byte[] buf = new byte[BUFFER];
        int n;
        while ((n = in.read(buf)) >= 0) {
            feed(buf, n);
        }
        if (state != State.FIELD_START || column != 0) {
            throw new CopyTextException("the COPY text of " + table + " ends inside row " + (row + 1));
        }
        return row;
    }

    private void feed(byte[] b, int end) throws IOException {
        int i = 0;
        while (i < end) {
            byte c = b[i];
            switch (state) {
                case FIELD_START -> {
                    if (columns == 0) {
                        emptyRow(c);
                    } else if (c == '\\') {
                        state = State.MAYBE_NULL;
                    } else {
                        beginField();
                        state = State.PLAIN;
                        continue; // the same byte, inside the field
                    }
                    i++;
                }
                case MAYBE_NULL -> {
                    if (c == 'N') {
                        state = State.NULL_MARK;
                        i++;
                    } else {
                        beginField();
                        state = State.BACKSLASH;
                    }
                }
                case NULL_MARK -> {
                    if (c == '\t' || c == '\n') {
                        beginValue();
                        handler.nullField(column);
                        next(c == '\n');
                        i++;
                    } else {
                        beginField();
                        emit('N'); // "\N" followed by more is an N (a backslash before a letter stands for it)
                        state = State.PLAIN;
                    }
                }
                case PLAIN -> {
                    if (c == '\\') {
                        state = State.BACKSLASH;
                        i++;
                    } else if (c == '\t' || c == '\n') {
                        handler.endField(column);
                        next(c == '\n');
                        i++;
                    } else {
                        int run = i + 1;
                        while (run < end && b[run] != '\\' && b[run] != '\t' && b[run] != '\n') {
                            run++;
                        }
                        handler.fieldBytes(b, i, run - i);
                        i = run;
                    }
                }
                case BACKSLASH -> {
                    escape(c);
                    i++;
                }
                case OCTAL -> {
                    if (c >= '0' && c <= '7' && escapeDigits < 3) {
                        escapeValue = escapeValue * 8 + (c - '0');
                        escapeDigits++;
                        i++;
                    } else {
                        emit(escapeValue);
                        state = State.PLAIN;
                    }
                }
                case HEX -> {
                    int digit = Character.digit(c, 16);
                    if (digit >= 0 && escapeDigits < 2) {
                        escapeValue = escapeValue * 16 + digit;
                        escapeDigits++;
                        i++;
                    } else {
                        emit(escapeDigits == 0 ? 'x' : escapeValue); // "\x" without hex digits is an x
                        state = State.PLAIN;
                    }
                }
            }
        }
    }

    private void escape(byte c) throws IOException {
        state = State.PLAIN;
        switch (c) {
            case 'b' -> emit('\b');
            case 'f' -> emit('\f');
            case 'n' -> emit('\n');
            case 'r' -> emit('\r');
            case 't' -> emit('\t');
            case 'v' -> emit(0x0b);
            case 'x' -> {
                state = State.HEX;
                escapeValue = 0;
                escapeDigits = 0;
            }
            default -> {
                if (c >= '0' && c <= '7') {
                    state = State.OCTAL;
                    escapeValue = c - '0';
                    escapeDigits = 1;
                } else {
                    emit(c); // \\ and a backslash before any other character stand for that character
                }
            }
        }
    }

    private void emit(int value) throws IOException {
        one[0] = (byte) value;
        handler.fieldBytes(one, 0, 1);
    }

    private void beginField() throws IOException {
        beginValue();
        handler.beginField(column);
    }

    /** A field or a NULL starts: the row starts with its first one. */
    private void beginValue() throws IOException {
        if (column >= columns) {
            throw new CopyTextException("row " + (row + 1) + " of " + table + " has more fields than the "
                    + columns + " columns the dump plan lists");
        }
        if (column == 0) {
            handler.beginRow();
        }
    }

    private void next(boolean lineEnd) throws IOException {
        column++;
        state = State.FIELD_START;
        if (lineEnd) {
            if (column != columns) {
                throw new CopyTextException("row " + (row + 1) + " of " + table + " has " + column
                        + " fields, the dump plan lists " + columns + " columns");
            }
            handler.endRow();
            column = 0;
            row++;
        }
    }

    private void emptyRow(byte c) throws IOException {
        if (c != '\n') {
            throw new CopyTextException("row " + (row + 1) + " of " + table + " has data, but the dump plan lists "
                    + "no columns");
        }
        handler.beginRow();
        handler.endRow();
        row++;
    }
}
