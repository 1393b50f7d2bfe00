package io.arca.export.archive;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * The header blocks in front of one file of a POSIX tar (ustar, POSIX.1-1988, 512-byte blocks): a path that fits
 * ustar's 100-byte name, or 155-byte prefix and name split at a slash, gets one block; a longer path (or a file of
 * 8 GiB or more) gets a pax extended header first ({@code path=}, {@code size=} records, POSIX.1-2001), which every
 * current tar reads. Files are mode 0644, owner 0:0, with the given time.
 */
final class TarHeader {
    static final int BLOCK = 512;
    private static final long MAX_USTAR_SIZE = 077777777777L;
    private static final int NO_SPLIT_NEEDED = Integer.MAX_VALUE;

    private TarHeader() {
    }

    /** The header bytes for a file (one block, or a pax header, its records and then the block). */
    static byte[] of(String path, long size, Instant mtime) {
        byte[] name = path.getBytes(StandardCharsets.UTF_8);
        int split = split(name);
        if (split < 0 || size > MAX_USTAR_SIZE) {
            return pax(path, size, mtime);
        }
        return block(name, split, size, mtime, '0');
    }

    /** Zero bytes after a file's data up to the next block. */
    static int padding(long size) {
        return (int) ((BLOCK - size % BLOCK) % BLOCK);
    }

    /** Where to split into prefix and name: {@link #NO_SPLIT_NEEDED}, a slash's index, or -1 when impossible. */
    private static int split(byte[] path) {
        if (path.length <= 100) {
            return NO_SPLIT_NEEDED;
        }
        for (int i = Math.min(path.length - 2, 155); i > 0; i--) {
            if (path[i] == '/' && path.length - i - 1 <= 100) {
                return i;
            }
        }
        return -1;
    }

    private static byte[] pax(String path, long size, Instant mtime) {
        StringBuilder records = new StringBuilder(record("path", path));
        if (size > MAX_USTAR_SIZE) {
            records.append(record("size", Long.toString(size)));
        }
        byte[] data = records.toString().getBytes(StandardCharsets.UTF_8);
        byte[] paxName = "PaxHeaders/file".getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(block(paxName, NO_SPLIT_NEEDED, data.length, mtime, 'x'));
        out.writeBytes(data);
        out.writeBytes(new byte[padding(data.length)]);
        byte[] full = path.getBytes(StandardCharsets.UTF_8);
        byte[] shortName = Arrays.copyOfRange(full, Math.max(0, full.length - 100), full.length);
        out.writeBytes(block(shortName, NO_SPLIT_NEEDED, Math.min(size, MAX_USTAR_SIZE), mtime, '0'));
        return out.toByteArray();
    }

    /** A pax record: {@code "<length> <key>=<value>\n"}, where the length counts the whole record, itself included. */
    static String record(String key, String value) {
        int body = (" " + key + "=" + value + "\n").getBytes(StandardCharsets.UTF_8).length;
        int length = body + 1;
        while (Integer.toString(length).length() + body != length) {
            length = Integer.toString(length).length() + body;
        }
        return length + " " + key + "=" + value + "\n";
    }

    private static byte[] block(byte[] path, int split, long size, Instant mtime, char type) {
        byte[] h = new byte[BLOCK];
        if (split == NO_SPLIT_NEEDED) {
            System.arraycopy(path, 0, h, 0, path.length);
        } else {
            System.arraycopy(path, split + 1, h, 0, path.length - split - 1);
            System.arraycopy(path, 0, h, 345, split);
        }
        octal(h, 100, 8, 0644);
        octal(h, 108, 8, 0);
        octal(h, 116, 8, 0);
        octal(h, 124, 12, size);
        octal(h, 136, 12, Math.max(0, mtime.getEpochSecond()));
        Arrays.fill(h, 148, 156, (byte) ' ');
        h[156] = (byte) type;
        System.arraycopy("ustar\0".getBytes(StandardCharsets.US_ASCII), 0, h, 257, 6);
        h[263] = '0';
        h[264] = '0';
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        octal(h, 148, 7, sum); // six digits and a NUL, then the space already there
        return h;
    }

    /** {@code value} in octal, zero-padded to {@code width - 1} digits and a NUL. */
    private static void octal(byte[] h, int offset, int width, long value) {
        String digits = Long.toOctalString(value);
        int pad = width - 1 - digits.length();
        if (pad < 0) {
            throw new IllegalArgumentException(value + " does not fit a " + width + "-byte tar field");
        }
        for (int i = 0; i < pad; i++) {
            h[offset + i] = '0';
        }
        System.arraycopy(digits.getBytes(StandardCharsets.US_ASCII), 0, h, offset + pad, digits.length());
        h[offset + width - 1] = 0;
    }
}
