package io.arca.archive.format;

/** Not an Arca object, or an unknown format version, codec id or cipher id. */
public class UnsupportedFormatException extends ObjectFormatException {
    public UnsupportedFormatException(String message) {
        super(Reason.UNSUPPORTED_FORMAT, message);
    }

    public UnsupportedFormatException(String message, Throwable cause) {
        super(Reason.UNSUPPORTED_FORMAT, message, cause);
    }
}
