package io.arca.cli.output;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file as {@code FILE.part} and renames it to {@code FILE} only when the writer finished: a download or dump
 * that breaks off never leaves a truncated file under the name a user (or a script) takes for the whole.
 */
public final class PartFile {
    /** What fills the file. */
    public interface Writer {
        void writeTo(OutputStream out) throws IOException;
    }

    private PartFile() {
    }

    /** @return the size of the file written */
    public static long write(Path target, Writer writer) throws IOException {
        Path part = target.resolveSibling(target.getFileName() + ".part");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(part), 1 << 16)) {
            writer.writeTo(out);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(part);
            throw e;
        }
        Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return Files.size(target);
    }
}
