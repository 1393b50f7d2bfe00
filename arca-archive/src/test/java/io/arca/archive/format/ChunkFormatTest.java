package io.arca.archive.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arca.archive.TestData;
import io.arca.archive.key.ChunkNamer;
import io.arca.archive.key.DataKey;
import io.arca.archive.key.KeyRing;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ChunkFormatTest {
    private static final byte[] TEXT = TestData.text(1, 100_000);
    private static final DataKey KEY = DataKey.generate();
    private static final KeyRing RING = KeyRing.of(KEY);

    private static String plainName(byte[] data) {
        return ChunkNamer.sha256().name(data);
    }

    private static String keyedName(byte[] data) {
        return ChunkNamer.hmac(KEY).name(data);
    }

    @ParameterizedTest
    @CsvSource({"none,0,false", "zstd,1,false", "zstd,3,true", "zstd,19,false", "gzip,1,true", "gzip,9,false",
            "none,0,true"})
    void roundTripsEveryCodecAndCipher(String codec, int level, boolean encrypted) {
        DataKey key = encrypted ? KEY : null;
        String name = encrypted ? keyedName(TEXT) : plainName(TEXT);
        byte[] stored = ChunkFormat.encode(name, TEXT, new Compression(Codec.byLabel(codec), level), key);
        assertThat(ChunkFormat.decode(name, stored, RING)).isEqualTo(TEXT);
        if (!codec.equals("none")) {
            assertThat(stored.length).isLessThan(TEXT.length / 2);
        }
    }

    @Test
    void headerRecordsCodecCipherKeyAndLength() {
        byte[] stored = ChunkFormat.encode(keyedName(TEXT), TEXT, Compression.zstd(3), KEY);
        ObjectHeader h = ObjectEnvelope.header(ObjectHeader.ObjectKind.CHUNK, stored);
        assertThat(h.codec()).isEqualTo(Codec.ZSTD);
        assertThat(h.cipher()).isEqualTo(CipherId.AES_256_GCM);
        assertThat(DataKey.KeyIds.format(h.keyId())).isEqualTo(KEY.keyId());
        assertThat(h.plaintextLength()).isEqualTo(TEXT.length);
        assertThat(new String(stored, 0, 4)).isEqualTo("ARCC");
    }

    @Test
    void incompressibleChunksAreStoredUncompressed() {
        byte[] random = TestData.random(5, 50_000);
        byte[] stored = ChunkFormat.encode(plainName(random), random, Compression.zstd(3), null);
        assertThat(ObjectEnvelope.header(ObjectHeader.ObjectKind.CHUNK, stored).codec()).isEqualTo(Codec.NONE);
        assertThat(stored.length).isEqualTo(ObjectHeader.FIXED_LENGTH + random.length);
        assertThat(ChunkFormat.decode(plainName(random), stored, RING)).isEqualTo(random);
    }

    @Test
    void theProbeSkipsCompressionOnlyForHighEntropyData() {
        assertThat(IncompressibleProbe.looksIncompressible(TestData.random(6, 1 << 20), 0, 1 << 20)).isTrue();
        assertThat(IncompressibleProbe.looksIncompressible(TestData.text(6, 1 << 20), 0, 1 << 20)).isFalse();
        byte[] mixed = TestData.random(7, 1 << 20);
        System.arraycopy(TestData.text(8, 100_000), 0, mixed, (1 << 19) - 50_000, 100_000);
        assertThat(IncompressibleProbe.looksIncompressible(mixed, 0, mixed.length)).isFalse();
        byte[] big = TestData.random(9, 1 << 20);
        byte[] stored = ChunkFormat.encode(plainName(big), big, Compression.zstd(3), null);
        assertThat(ObjectEnvelope.header(ObjectHeader.ObjectKind.CHUNK, stored).codec()).isEqualTo(Codec.NONE);
        assertThat(ChunkFormat.decode(plainName(big), stored, RING)).isEqualTo(big);
    }

    @Test
    void everyEncryptionUsesAFreshNonce() {
        String name = keyedName(TEXT);
        byte[] a = ChunkFormat.encode(name, TEXT, Compression.zstd(3), KEY);
        byte[] b = ChunkFormat.encode(name, TEXT, Compression.zstd(3), KEY);
        assertThat(Arrays.copyOfRange(a, 19, 31)).isNotEqualTo(Arrays.copyOfRange(b, 19, 31));
    }

    @Test
    void refusesAnUnknownFormatVersion() {
        byte[] stored = plainChunk();
        stored[4] = 2;
        assertThatThrownBy(() -> ChunkFormat.decode(plainName(TEXT), stored, RING))
                .isInstanceOf(UnsupportedFormatException.class).hasMessageContaining("format version 2");
    }

    @Test
    void refusesAnUnknownCodec() {
        byte[] stored = plainChunk();
        stored[5] = 9;
        assertThatThrownBy(() -> ChunkFormat.decode(plainName(TEXT), stored, RING))
                .isInstanceOf(UnsupportedFormatException.class).hasMessageContaining("codec id 9");
    }

    @Test
    void refusesAnUnknownCipher() {
        byte[] stored = plainChunk();
        stored[6] = 7;
        assertThatThrownBy(() -> ChunkFormat.decode(plainName(TEXT), stored, RING))
                .isInstanceOf(UnsupportedFormatException.class).hasMessageContaining("cipher id 7");
    }

    @Test
    void refusesSomethingThatIsNotAChunk() {
        assertThatThrownBy(() -> ChunkFormat.decode(plainName(TEXT), "hello, world".getBytes(), RING))
                .isInstanceOf(UnsupportedFormatException.class).hasMessageContaining("magic");
    }

    @Test
    void refusesATruncatedChunk() {
        byte[] stored = plainChunk();
        assertThatThrownBy(() -> ChunkFormat.decode(plainName(TEXT), Arrays.copyOf(stored, stored.length - 1), RING))
                .isInstanceOf(TruncatedObjectException.class);
        assertThatThrownBy(() -> ChunkFormat.decode(plainName(TEXT), Arrays.copyOf(stored, 10), RING))
                .isInstanceOf(TruncatedObjectException.class).hasMessageContaining("header");
        byte[] encrypted = ChunkFormat.encode(keyedName(TEXT), TEXT, Compression.zstd(3), KEY);
        assertThatThrownBy(() -> ChunkFormat.decode(keyedName(TEXT), Arrays.copyOf(encrypted, 25), RING))
                .isInstanceOf(TruncatedObjectException.class).hasMessageContaining("nonce");
    }

    @Test
    void refusesAWrongKey() {
        byte[] stored = ChunkFormat.encode(keyedName(TEXT), TEXT, Compression.zstd(3), KEY);
        DataKey impostor = new DataKey(KEY.keyId(), new byte[32]);
        assertThatThrownBy(() -> ChunkFormat.decode(keyedName(TEXT), stored, KeyRing.of(impostor)))
                .isInstanceOf(AuthenticationFailedException.class).hasMessageContaining("wrong key");
        assertThatThrownBy(() -> ChunkFormat.decode(keyedName(TEXT), stored, KeyRing.none()))
                .isInstanceOf(KeyUnavailableException.class);
    }

    @Test
    void refusesAFlippedBitInAnEncryptedChunk() {
        byte[] stored = ChunkFormat.encode(keyedName(TEXT), TEXT, Compression.zstd(3), KEY);
        for (int at : new int[] {8, 20, 40, stored.length - 1}) {
            byte[] flipped = stored.clone();
            flipped[at] ^= 0x10;
            assertThatThrownBy(() -> ChunkFormat.decode(keyedName(TEXT), flipped, RING))
                    .as("bit flipped at %d", at).isInstanceOf(ObjectFormatException.class)
                    .satisfies(e -> assertThat(((ObjectFormatException) e).reason()).isIn(
                            ObjectFormatException.Reason.AUTHENTICATION_FAILED,
                            ObjectFormatException.Reason.KEY_UNAVAILABLE));
        }
        byte[] flippedPayload = stored.clone();
        flippedPayload[100] ^= 1;
        assertThatThrownBy(() -> ChunkFormat.decode(keyedName(TEXT), flippedPayload, RING))
                .isInstanceOf(AuthenticationFailedException.class);
    }

    @Test
    void refusesAFlippedBitInAnUnencryptedChunk() {
        byte[] stored = ChunkFormat.encode(plainName(TEXT), TEXT, Compression.NONE, null);
        stored[1000] ^= 1;
        assertThatThrownBy(() -> ChunkFormat.decode(plainName(TEXT), stored, RING))
                .isInstanceOf(HashMismatchException.class).hasMessageContaining("not to its name");
        byte[] zstd = ChunkFormat.encode(plainName(TEXT), TEXT, Compression.zstd(3), null);
        zstd[zstd.length / 2] ^= 1;
        assertThatThrownBy(() -> ChunkFormat.decode(plainName(TEXT), zstd, RING))
                .isInstanceOf(ObjectFormatException.class)
                .satisfies(e -> assertThat(((ObjectFormatException) e).reason()).isIn(
                        ObjectFormatException.Reason.CORRUPT, ObjectFormatException.Reason.HASH_MISMATCH));
    }

    @Test
    void refusesAPlaintextThatDoesNotHashToItsName() {
        String wrongName = plainName("other".getBytes());
        byte[] stored = ChunkFormat.encode(wrongName, TEXT, Compression.zstd(3), null);
        assertThatThrownBy(() -> ChunkFormat.decode(wrongName, stored, RING))
                .isInstanceOf(HashMismatchException.class);
        String wrongKeyedName = keyedName("other".getBytes());
        byte[] encrypted = ChunkFormat.encode(wrongKeyedName, TEXT, Compression.zstd(3), KEY);
        assertThatThrownBy(() -> ChunkFormat.decode(wrongKeyedName, encrypted, RING))
                .isInstanceOf(HashMismatchException.class).hasMessageContaining("hmac-sha256");
    }

    @Test
    void anEncryptedChunkStoredUnderAnotherNameDoesNotOpen() {
        byte[] stored = ChunkFormat.encode(keyedName(TEXT), TEXT, Compression.zstd(3), KEY);
        assertThatThrownBy(() -> ChunkFormat.decode(keyedName("x".getBytes()), stored, RING))
                .isInstanceOf(AuthenticationFailedException.class);
    }

    @Test
    void refusesTrailingBytesAndLengthMismatch() {
        byte[] stored = plainChunk();
        byte[] longer = Arrays.copyOf(stored, stored.length + 3);
        assertThatThrownBy(() -> ChunkFormat.decode(plainName(TEXT), longer, RING))
                .isInstanceOf(CorruptPayloadException.class).hasMessageContaining("after its payload");
        byte[] lying = stored.clone();
        lying[14] ^= 1; // plaintext length
        assertThatThrownBy(() -> ChunkFormat.decode(plainName(TEXT), lying, RING))
                .isInstanceOf(CorruptPayloadException.class);
    }

    @Test
    void compressionLevelsAreValidated() {
        assertThatThrownBy(() -> Compression.zstd(20)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Compression.gzip(0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Compression.of("gzip", null)).isEqualTo(Compression.gzip(6));
    }

    @Test
    void idsAreStable() {
        assertThat(Codec.NONE.id()).isZero();
        assertThat(Codec.ZSTD.id()).isEqualTo(1);
        assertThat(Codec.GZIP.id()).isEqualTo(2);
        assertThat(CipherId.NONE.id()).isZero();
        assertThat(CipherId.AES_256_GCM.id()).isEqualTo(1);
    }

    private static byte[] plainChunk() {
        return ChunkFormat.encode(plainName(TEXT), TEXT, Compression.zstd(3), null);
    }
}
