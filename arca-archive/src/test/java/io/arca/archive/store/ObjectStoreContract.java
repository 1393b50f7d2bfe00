package io.arca.archive.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arca.archive.TestData;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link ObjectStore} must have. Each implementation's test extends this class; keys live
 * under a fresh prefix per test, so runs against a shared server do not see each other.
 */
public abstract class ObjectStoreContract {
    protected String p;

    protected abstract ObjectStore store();

    /** The part size of the store's uploads of unknown length (1 MiB where the store has no parts). */
    protected long uploadPartSize() {
        return 1 << 20;
    }

    @BeforeEach
    void freshPrefix() {
        p = "contract/" + UUID.randomUUID() + "/";
    }

    @Test
    void putThenGetReturnsTheSameBytes() {
        byte[] data = TestData.random(1, 100_000);
        store().put(p + "a", data);
        assertThat(store().get(p + "a")).isEqualTo(data);
    }

    @Test
    void putReplacesAndEmptyObjectsWork() {
        store().put(p + "a", new byte[] {1, 2, 3});
        store().put(p + "a", new byte[0]);
        assertThat(store().get(p + "a")).isEmpty();
        assertThat(store().head(p + "a")).get().extracting(ObjectInfo::size).isEqualTo(0L);
    }

    @Test
    void getOfAMissingObjectIsNotFound() {
        assertThatThrownBy(() -> store().get(p + "missing")).isInstanceOf(ObjectNotFoundException.class);
        assertThatThrownBy(() -> store().getRange(p + "missing", 0, 10)).isInstanceOf(ObjectNotFoundException.class);
        assertThatThrownBy(() -> store().openStream(p + "missing").close())
                .isInstanceOf(ObjectNotFoundException.class);
    }

    @Test
    void getRangeReturnsTheSliceAndStopsAtTheEnd() {
        byte[] data = TestData.random(2, 10_000);
        store().put(p + "r", data);
        assertThat(store().getRange(p + "r", 100, 50)).isEqualTo(java.util.Arrays.copyOfRange(data, 100, 150));
        assertThat(store().getRange(p + "r", 9_990, 50)).isEqualTo(java.util.Arrays.copyOfRange(data, 9_990, 10_000));
        assertThat(store().getRange(p + "r", 0, 0)).isEmpty();
        assertThat(store().getRange(p + "r", 10_000, 5)).isEmpty();
    }

    @Test
    void headAndExists() {
        assertThat(store().head(p + "h")).isEmpty();
        assertThat(store().exists(p + "h")).isFalse();
        store().put(p + "h", new byte[1234]);
        ObjectInfo info = store().head(p + "h").orElseThrow();
        assertThat(info.key()).isEqualTo(p + "h");
        assertThat(info.size()).isEqualTo(1234);
        assertThat(store().exists(p + "h")).isTrue();
    }

    @Test
    void listReturnsKeysUnderThePrefixInOrderRecursively() {
        for (String k : List.of("b/2", "a", "b/1", "c/d/e")) {
            store().put(p + "x/" + k, k.getBytes());
        }
        store().put(p + "xy", new byte[1]);
        try (Stream<ObjectInfo> listed = store().list(p + "x/")) {
            assertThat(listed.map(ObjectInfo::key).toList())
                    .containsExactly(p + "x/a", p + "x/b/1", p + "x/b/2", p + "x/c/d/e");
        }
        try (Stream<ObjectInfo> listed = store().list(p + "x/b/")) {
            assertThat(listed.map(ObjectInfo::size).toList()).containsExactly(3L, 3L);
        }
        try (Stream<ObjectInfo> listed = store().list(p + "nothing/")) {
            assertThat(listed.count()).isZero();
        }
    }

    @Test
    void listPagesThroughManyObjects() {
        for (int i = 0; i < 1010; i++) {
            store().put(p + "many/" + String.format("%05d", i), new byte[] {(byte) i});
        }
        try (Stream<ObjectInfo> listed = store().list(p + "many/")) {
            assertThat(listed.count()).isEqualTo(1010);
        }
    }

    @Test
    void deleteRemovesAndIsIdempotent() {
        store().put(p + "d", new byte[] {1});
        store().delete(p + "d");
        assertThat(store().exists(p + "d")).isFalse();
        store().delete(p + "d");
    }

    @Test
    void deleteAllRemovesEveryKeyNamedSkipsAbsentOnesAndLeavesOthers() {
        List<String> keys = new java.util.ArrayList<>();
        for (int i = 0; i < 1_205; i++) {
            keys.add(p + "all/" + String.format("%05d", i));
        }
        keys.forEach(k -> store().put(k, new byte[] {1}));
        store().put(p + "keep", new byte[] {2});
        List<String> withAbsent = new java.util.ArrayList<>(keys);
        withAbsent.add(p + "all/never-stored");
        store().deleteAll(withAbsent);
        try (Stream<ObjectInfo> listed = store().list(p)) {
            assertThat(listed.map(ObjectInfo::key).toList()).containsExactly(p + "keep");
        }
        store().deleteAll(withAbsent);
        store().deleteAll(List.of());
    }

    @Test
    void streamsInAndOut() throws Exception {
        byte[] data = TestData.random(3, 3_000_000);
        store().put(p + "s-known", new ByteArrayInputStream(data), data.length);
        store().put(p + "s-unknown", new ByteArrayInputStream(data), -1);
        for (String k : List.of("s-known", "s-unknown")) {
            try (InputStream in = store().openStream(p + k)) {
                assertThat(in.readAllBytes()).isEqualTo(data);
            }
        }
    }

    @Test
    void anUploadLargerThanOnePartIsStoredWhole() throws Exception {
        byte[] data = TestData.random(4, (int) (2 * uploadPartSize() + 12_345));
        try (ObjectUpload upload = store().openUpload(p + "u-large")) {
            // writes of odd sizes, and single bytes, as a renderer makes them
            int pos = 0;
            for (int i = 0; pos < data.length; i++) {
                if (i % 3 == 0) {
                    upload.write(data[pos++]);
                } else {
                    int n = Math.min(data.length - pos, 7_919 * i % 200_003);
                    upload.write(data, pos, n);
                    pos += n;
                }
            }
            upload.complete();
        }
        assertThat(store().head(p + "u-large")).get().extracting(ObjectInfo::size).isEqualTo((long) data.length);
        try (InputStream in = store().openStream(p + "u-large")) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
    }

    @Test
    void anUploadExistsOnlyOnceCompleteAndEmptyUploadsWork() throws Exception {
        try (ObjectUpload upload = store().openUpload(p + "u-small")) {
            upload.write(new byte[] {1, 2, 3});
            assertThat(store().exists(p + "u-small")).isFalse();
            upload.complete();
        }
        assertThat(store().get(p + "u-small")).containsExactly(1, 2, 3);
        try (ObjectUpload empty = store().openUpload(p + "u-empty")) {
            empty.complete();
        }
        assertThat(store().get(p + "u-empty")).isEmpty();
    }

    @Test
    void anAbortedUploadLeavesNoObjectAndRefusesFurtherWrites() throws Exception {
        byte[] data = TestData.random(5, (int) (uploadPartSize() + 1_000));
        ObjectUpload upload = store().openUpload(p + "u-aborted");
        upload.write(data);
        upload.abort();
        assertThatThrownBy(() -> upload.write(data)).isInstanceOf(IOException.class);
        assertThatThrownBy(upload::complete).isInstanceOf(ObjectStoreException.class);
        upload.close();
        assertThat(store().exists(p + "u-aborted")).isFalse();
    }

    @Test
    void anUploadClosedWithoutCompleteLeavesNoObject() throws Exception {
        try (ObjectUpload upload = store().openUpload(p + "u-unfinished")) {
            upload.write(TestData.random(6, 100_000));
        }
        assertThat(store().exists(p + "u-unfinished")).isFalse();
    }
}
