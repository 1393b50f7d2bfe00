package io.arca.export;

import io.arca.archive.store.ObjectInfo;
import io.arca.archive.store.ObjectNotFoundException;
import io.arca.archive.store.ObjectStore;
import io.arca.archive.store.ObjectStoreException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * An object store over a directory: object key = relative path. What an offline reader of an extracted
 * {@code archive} download needs (a user would write the same few lines, or copy the directory into any bucket), and
 * a bucket on disk for the memory test.
 */
final class DirectoryObjectStore implements ObjectStore {
    private final Path root;

    DirectoryObjectStore(Path root) {
        this.root = root;
    }

    @Override
    public void put(String key, byte[] data) {
        try {
            Path file = root.resolve(key);
            Files.createDirectories(file.getParent());
            Files.write(file, data);
        } catch (IOException e) {
            throw new ObjectStoreException("writing " + key + " failed", false, e);
        }
    }

    @Override
    public void put(String key, InputStream data, long size) {
        try {
            put(key, data.readAllBytes());
        } catch (IOException e) {
            throw new ObjectStoreException("reading the upload of " + key + " failed", false, e);
        }
    }

    @Override
    public byte[] get(String key) {
        try {
            return Files.readAllBytes(root.resolve(key));
        } catch (NoSuchFileException e) {
            throw new ObjectNotFoundException(key);
        } catch (IOException e) {
            throw new ObjectStoreException("reading " + key + " failed", false, e);
        }
    }

    @Override
    public byte[] getRange(String key, long offset, int length) {
        byte[] all = get(key);
        int from = (int) Math.min(offset, all.length);
        return Arrays.copyOfRange(all, from, (int) Math.min(all.length, (long) from + length));
    }

    @Override
    public InputStream openStream(String key) {
        try {
            return Files.newInputStream(root.resolve(key));
        } catch (NoSuchFileException e) {
            throw new ObjectNotFoundException(key);
        } catch (IOException e) {
            throw new ObjectStoreException("opening " + key + " failed", false, e);
        }
    }

    @Override
    public Optional<ObjectInfo> head(String key) {
        Path file = root.resolve(key);
        try {
            return Files.isRegularFile(file) ? Optional.of(new ObjectInfo(key, Files.size(file), null))
                    : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Stream<ObjectInfo> list(String prefix) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .map(f -> root.relativize(f).toString().replace('\\', '/'))
                    .filter(k -> k.startsWith(prefix)).sorted()
                    .map(k -> head(k).orElseThrow()).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void delete(String key) {
        try {
            Files.deleteIfExists(root.resolve(key));
        } catch (IOException e) {
            throw new ObjectStoreException("deleting " + key + " failed", false, e);
        }
    }
}
