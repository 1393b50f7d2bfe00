package io.arca.api.download;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a {@code Range} header asks of a body of known length (RFC 9110 §14.1.2): one range of bytes, the whole
 * body, or nothing satisfiable (416). Only single ranges are served: a header with several ranges, another unit or
 * bad syntax is ignored and the whole body sent, as the RFC allows.
 */
sealed interface ByteRange {
    Pattern SINGLE = Pattern.compile("\\s*bytes\\s*=\\s*(\\d*)\\s*-\\s*(\\d*)\\s*", Pattern.CASE_INSENSITIVE);
    /** Longer numbers than this do not fit a long; such a header is ignored. */
    int MAX_DIGITS = 18;

    /** The whole body: no Range header, or one that is ignored. */
    record Whole() implements ByteRange {
    }

    /** Bytes {@code first..last}, inclusive, within the body. */
    record Part(long first, long last, long total) implements ByteRange {
        long length() {
            return last - first + 1;
        }

        String contentRange() {
            return "bytes " + first + "-" + last + "/" + total;
        }
    }

    /** No byte of the body lies in the range (416, {@code Content-Range: bytes *}{@code /total}). */
    record Unsatisfiable(long total) implements ByteRange {
        String contentRange() {
            return "bytes */" + total;
        }
    }

    static ByteRange of(String header, long length) {
        if (header == null) {
            return new Whole();
        }
        Matcher m = SINGLE.matcher(header);
        if (!m.matches() || m.group(1).length() > MAX_DIGITS || m.group(2).length() > MAX_DIGITS) {
            return new Whole();
        }
        String first = m.group(1);
        String last = m.group(2);
        if (first.isEmpty()) {
            if (last.isEmpty()) {
                return new Whole();
            }
            long suffix = Long.parseLong(last);
            if (suffix == 0 || length == 0) {
                return new Unsatisfiable(length);
            }
            return new Part(Math.max(0, length - suffix), length - 1, length);
        }
        long start = Long.parseLong(first);
        if (!last.isEmpty() && Long.parseLong(last) < start) {
            return new Whole();
        }
        if (start >= length) {
            return new Unsatisfiable(length);
        }
        long end = last.isEmpty() ? length - 1 : Math.min(Long.parseLong(last), length - 1);
        return new Part(start, end, length);
    }
}
