package io.arca.archive.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import io.arca.archive.TestData;
import io.arca.archive.chunk.Chunker;
import io.arca.archive.chunk.ChunkerConfig;
import io.arca.archive.format.Compression;
import io.arca.archive.format.ObjectEnvelope;
import io.arca.archive.format.ObjectHeader;
import io.arca.archive.index.InMemoryChunkIndex;
import io.arca.archive.key.ChunkNamer;
import io.arca.archive.key.DataKey;
import io.arca.archive.key.DataKeys;
import io.arca.archive.key.WrappedDataKey;
import io.arca.archive.repo.ArchiveRepository;
import io.arca.archive.repo.BucketKeys;
import io.arca.archive.repo.RepositoryLayout;
import io.arca.archive.store.InMemoryObjectStore;
import io.arca.archive.store.ObjectInfo;
import io.arca.archive.write.ArchiveWriter;
import io.arca.archive.write.EntrySpec;
import io.arca.archive.write.WriterOptions;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Golden test vectors: small archives written by format version 1 and committed under
 * {@code src/test/resources/golden/v1}. This test reads them with the current code, so a change that breaks old
 * archives (format, manifest, chunker, naming, key wrapping) fails the build. Never regenerate them to make this
 * test pass; add a v2 directory next to them when the format changes on purpose. To (re)create:
 * {@code ./mvnw -pl arca-archive test -Dtest=GoldenVectorsTest -Darca.golden.regenerate=true}.
 */
class GoldenVectorsTest {
    static final Path DIR = Path.of("src/test/resources/golden/v1");
    /** The master key of the golden repository: bytes 0..31, base64. Test data only. */
    static final String MASTER_KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    static final ChunkerConfig CHUNKING = new ChunkerConfig(256, 1024, 4096);
    static final String BACKUP = "backup-1";
    /** tenant → compression, encrypted. */
    static final Map<String, Object[]> TENANTS = Map.of(
            "golden-zstd", new Object[] {Compression.zstd(3), false},
            "golden-gzip", new Object[] {Compression.gzip(6), false},
            "golden-none", new Object[] {Compression.NONE, false},
            "golden-encrypted", new Object[] {Compression.zstd(19), true});
    static final Map<String, byte[]> ENTRIES = Map.of(
            "schema/pre-data", TestData.text(101, 2_000),
            "data/public.film", TestData.text(102, 12_000),
            "data/public.empty", new byte[0],
            "data/public.blob", TestData.random(103, 6_000));
    static final List<String> ORDER = List.of("schema/pre-data", "data/public.film", "data/public.empty",
            "data/public.blob");

    @Test
    @EnabledIfSystemProperty(named = "arca.golden.regenerate", matches = "true")
    void regenerate() throws Exception {
        InMemoryObjectStore store = new InMemoryObjectStore();
        DataKeys master = DataKeys.fromBase64(MASTER_KEY);
        Properties expected = new Properties();
        for (var tenant : TENANTS.entrySet()) {
            ArchiveWriter.Builder builder = ArchiveWriter.builder(store, tenant.getKey(), BACKUP)
                    .index(new InMemoryChunkIndex())
                    .clock(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC))
                    .source(new SourceInfo("postgresql://golden:5432/pagila", "15.18",
                            Instant.parse("2025-12-31T23:59:59Z"), Map.of("database", "pagila")))
                    .options(WriterOptions.defaults().withChunking(CHUNKING)
                            .withCompression((Compression) tenant.getValue()[0])
                            .withRequestedOptions(Map.of("mode", "full")));
            if ((Boolean) tenant.getValue()[1]) {
                WrappedDataKey wrapped = master.generate(tenant.getKey());
                builder.encryption(master.unwrap(wrapped), wrapped);
            }
            try (ArchiveWriter w = builder.open()) {
                for (String name : ORDER) {
                    EntrySpec spec = name.startsWith("data/")
                            ? new EntrySpec(name, "table-data", "public", name.substring(12), 42L)
                            : EntrySpec.of(name, "pre-data");
                    w.writeEntry(spec, new ByteArrayInputStream(ENTRIES.get(name)));
                }
                w.finish();
            }
        }
        for (String name : ORDER) {
            expected.setProperty(name, sha256(ENTRIES.get(name)) + " " + ENTRIES.get(name).length);
        }
        Path bucket = DIR.resolve("bucket");
        for (String tenant : TENANTS.keySet()) { // only these: GoldenPostgresqlBackupTest owns its own tenant
            Path dir = bucket.resolve(RepositoryLayout.tenantPrefix(tenant));
            if (Files.exists(dir)) {
                try (Stream<Path> old = Files.walk(dir)) {
                    old.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
        try (Stream<ObjectInfo> all = store.list("")) {
            for (ObjectInfo o : all.toList()) {
                Path file = bucket.resolve(o.key());
                Files.createDirectories(file.getParent());
                Files.write(file, store.get(o.key()));
            }
        }
        try (Writer out = Files.newBufferedWriter(DIR.resolve("expected.properties"))) {
            expected.store(out, "entry name = SHA-256 of its plaintext, size in bytes (same in every tenant)");
        }
    }

    @Test
    void archivesWrittenByFormatVersion1StillReadVerifyAndRechunkIdentically() throws Exception {
        InMemoryObjectStore store = new InMemoryObjectStore();
        Path bucket = DIR.resolve("bucket");
        try (Stream<Path> files = Files.walk(bucket)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                store.put(bucket.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
            }
        }
        Properties expected = new Properties();
        try (Reader in = Files.newBufferedReader(DIR.resolve("expected.properties"))) {
            expected.load(in);
        }
        DataKeys master = DataKeys.fromBase64(MASTER_KEY);
        for (var tenant : TENANTS.entrySet()) {
            Compression compression = (Compression) tenant.getValue()[0];
            boolean encrypted = (Boolean) tenant.getValue()[1];
            try (ArchiveRepository repo = ArchiveRepository.open(store, tenant.getKey(), master)) {
                assertThat(repo.listBackupIds()).containsExactly(BACKUP);
                Manifest m = repo.readManifest(BACKUP);
                assertThat(m.formatVersion()).isEqualTo(1);
                assertThat(m.createdAt()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
                assertThat(m.source().serverVersion()).isEqualTo("15.18");
                assertThat(m.options().compression()).isEqualTo(compression.codec().label());
                assertThat(m.options().compressionLevel()).isEqualTo(compression.level());
                assertThat(m.options().encrypted()).isEqualTo(encrypted);
                assertThat(m.entries()).extracting(ManifestEntry::name).containsExactlyElementsOf(ORDER);
                ChunkerConfig chunking = new ChunkerConfig(m.options().chunkMinSize(), m.options().chunkAvgSize(),
                        m.options().chunkMaxSize());
                DataKey key = encrypted ? new BucketKeys(store).keyRing(tenant.getKey(), master).key(m.options().keyId())
                        : null;
                for (ManifestEntry e : m.entries()) {
                    String[] sizeAndHash = expected.getProperty(e.name()).split(" ");
                    assertThat(e.sha256()).isEqualTo(sizeAndHash[0]);
                    assertThat(e.size()).isEqualTo(Long.parseLong(sizeAndHash[1]));
                    byte[] plaintext;
                    try (InputStream in = repo.reader().openEntry(m, e.name())) {
                        plaintext = in.readAllBytes();
                    }
                    assertThat(sha256(plaintext)).isEqualTo(sizeAndHash[0]);
                    // the current chunker and namer cut and name old data exactly as before: dedup keeps working
                    List<String> names = Chunker.split(plaintext, chunking).stream()
                            .map(ChunkNamer.forKey(key)::name).toList();
                    assertThat(names).isEqualTo(e.chunks().stream().map(ChunkRef::name).toList());
                    for (ChunkRef c : e.chunks()) {
                        ObjectHeader h = ObjectEnvelope.header(ObjectHeader.ObjectKind.CHUNK,
                                store.get(RepositoryLayout.chunkKey(tenant.getKey(), c.name())));
                        assertThat(h.codec()).isIn(compression.codec(), io.arca.archive.format.Codec.NONE);
                    }
                }
                assertThat(repo.verifier().verify(m).defects()).isEmpty();
            }
        }
    }

    static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }
}
