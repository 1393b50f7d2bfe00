package io.arca.archive.format;

/** The payload does not decompress, or decompresses to another length than the header says. */
public class CorruptPayloadException extends ObjectFormatException {
    public CorruptPayloadException(String message) {
        super(Reason.CORRUPT, message);
    }

    public CorruptPayloadException(String message, Throwable cause) {
        super(Reason.CORRUPT, message, cause);
    }
}
