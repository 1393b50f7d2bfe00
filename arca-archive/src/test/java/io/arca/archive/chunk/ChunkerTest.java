package io.arca.archive.chunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arca.archive.TestData;
import io.arca.archive.key.ChunkNamer;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ChunkerTest {
    private static final ChunkerConfig SMALL = new ChunkerConfig(1024, 4096, 16384);

    @Test
    void chunksReassembleAndRespectMinAndMax() {
        byte[] data = TestData.random(1, 1_000_000);
        List<byte[]> chunks = Chunker.split(data, SMALL);
        assertThat(concat(chunks)).isEqualTo(data);
        for (int i = 0; i < chunks.size(); i++) {
            assertThat(chunks.get(i).length).isLessThanOrEqualTo(SMALL.maxSize());
            if (i < chunks.size() - 1) {
                assertThat(chunks.get(i).length).isGreaterThanOrEqualTo(SMALL.minSize());
            }
        }
        double average = (double) data.length / chunks.size();
        assertThat(average).isBetween(2048.0, 8192.0);
    }

    @Test
    void cutsDoNotDependOnHowTheStreamIsWritten() {
        byte[] data = TestData.text(2, 500_000);
        List<Integer> whole = lengths(Chunker.split(data, SMALL));
        List<byte[]> pieces = new ArrayList<>();
        Chunker chunker = new Chunker(SMALL, (buffer, length) -> pieces.add(java.util.Arrays.copyOf(buffer, length)));
        SplittableRandom r = new SplittableRandom(3);
        int off = 0;
        while (off < data.length) {
            int n = Math.min(data.length - off, r.nextInt(1, 7000));
            chunker.write(data, off, n);
            off += n;
        }
        chunker.finish();
        assertThat(lengths(pieces)).isEqualTo(whole);
    }

    /** Pinned cut points: a change to the Gear table or the masks breaks dedup with every older backup. */
    @Test
    void cutPointsArePinnedAcrossJvmsAndPlatforms() {
        List<Integer> lengths = lengths(Chunker.split(TestData.random(42, 200_000), SMALL));
        assertThat(lengths.subList(0, 8)).containsExactly(PINNED_FIRST_LENGTHS);
        assertThat(lengths.size()).isEqualTo(PINNED_COUNT);
    }

    static final Integer[] PINNED_FIRST_LENGTHS = {4121, 5627, 4185, 5978, 7208, 4804, 4630, 2674};
    static final int PINNED_COUNT = 40;

    @Test
    void cutsEqualAByteAtATimeReferenceImplementation() {
        for (ChunkerConfig config : List.of(SMALL, ChunkerConfig.DEFAULT)) {
            for (byte[] data : List.of(TestData.random(11, 24 << 20), TestData.text(12, 24 << 20))) {
                assertThat(lengths(Chunker.split(data, config))).as("cuts with %s", config)
                        .isEqualTo(referenceCuts(data, config));
            }
        }
    }

    /** FastCDC as specified, one byte per step: what the two-bytes-per-step scan must reproduce exactly. */
    private static List<Integer> referenceCuts(byte[] data, ChunkerConfig config) {
        int bits = Integer.numberOfTrailingZeros(config.avgSize());
        long strict = -1L << (64 - (bits + 2));
        long loose = -1L << (64 - Math.max(1, bits - 2));
        List<Integer> cuts = new java.util.ArrayList<>();
        int start = 0;
        while (start < data.length) {
            int end = Math.min(data.length, start + config.maxSize());
            int cut = end;
            long h = 0;
            for (int i = start + config.minSize(); i < end; i++) {
                h = (h << 1) + GearTable.GEAR[data[i] & 0xff];
                long mask = i - start < config.avgSize() ? strict : loose;
                if ((h & mask) == 0) {
                    cut = i + 1;
                    break;
                }
            }
            cuts.add(cut - start);
            start = cut;
        }
        return cuts;
    }

    @Test
    void emptyStreamHasNoChunksAndExactMaxSizedInputIsOneChunk() {
        assertThat(Chunker.split(new byte[0], SMALL)).isEmpty();
        byte[] zeros = new byte[SMALL.maxSize() * 3];
        // all-zero input never hits a cut (the hash of zeros is constant): max-sized chunks
        assertThat(lengths(Chunker.split(zeros, SMALL))).containsExactly(16384, 16384, 16384);
    }

    @Test
    void aOneByteInsertOrDeleteIn64MiBChangesOnlyTheChunksAroundIt() {
        byte[] original = TestData.random(7, 64 << 20);
        Set<String> before = names(Chunker.split(original, ChunkerConfig.DEFAULT));

        int at = 37 << 20;
        byte[] inserted = new byte[original.length + 1];
        System.arraycopy(original, 0, inserted, 0, at);
        inserted[at] = 0x5a;
        System.arraycopy(original, at, inserted, at + 1, original.length - at);
        List<byte[]> afterInsert = Chunker.split(inserted, ChunkerConfig.DEFAULT);
        assertThat(afterInsert.stream().map(ChunkNamer.sha256()::name).filter(n -> !before.contains(n)).count())
                .isBetween(1L, 3L);

        byte[] deleted = new byte[original.length - 1];
        System.arraycopy(original, 0, deleted, 0, at);
        System.arraycopy(original, at + 1, deleted, at, original.length - at - 1);
        List<byte[]> afterDelete = Chunker.split(deleted, ChunkerConfig.DEFAULT);
        assertThat(afterDelete.stream().map(ChunkNamer.sha256()::name).filter(n -> !before.contains(n)).count())
                .isBetween(1L, 3L);
    }

    @Test
    void configRejectsInconsistentSizes() {
        assertThatThrownBy(() -> new ChunkerConfig(4096, 1024, 8192)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ChunkerConfig(1024, 3000, 8192)).isInstanceOf(IllegalArgumentException.class);
    }

    static List<Integer> lengths(List<byte[]> chunks) {
        return chunks.stream().map(c -> c.length).toList();
    }

    static Set<String> names(List<byte[]> chunks) {
        Set<String> names = new HashSet<>();
        chunks.forEach(c -> names.add(ChunkNamer.sha256().name(c)));
        return names;
    }

    static byte[] concat(List<byte[]> chunks) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        chunks.forEach(out::writeBytes);
        return out.toByteArray();
    }
}
