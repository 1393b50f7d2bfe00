package io.arca.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.arca.archive.manifest.Manifest;
import io.arca.archive.manifest.ManifestEntry;
import io.arca.archive.read.BackupReader;
import io.arca.archive.repo.ArchiveRepository;
import io.arca.archive.repo.RepositoryLayout;
import io.arca.archive.verify.VerificationReport;
import io.arca.pg.DumpPlan;
import io.arca.pg.PgConnectionSpec;
import io.arca.pg.PgTools;
import io.arca.pg.RestoreOptions;
import io.arca.pg.restore.PgRestorer;
import io.arca.pg.verify.TableChecksums;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code archive} format is a tar that GNU tar extracts into the bucket's layout, and the extracted directory is
 * a repository: with the master key alone, an offline reader lists the backup, verifies every chunk, reads every
 * entry (hashes checked), and restores the database equal to its source.
 */
class ArchiveExportTest {

    @Test
    void theExtractedTarIsARepositoryAnOfflineReaderRestores(@TempDir Path dir) throws Exception {
        StressBackup stress = StressBackup.get();
        TestBackup backup = stress.backup;
        Path tar = dir.resolve("backup.tar");
        long announced;
        try (BackupReader reader = backup.reader(); OutputStream out = Files.newOutputStream(tar)) {
            RenderedExport export = BackupExports.prepare(backup.content(reader),
                    ExportRequest.parse("archive", null, null));
            assertThat(export.contentType()).isEqualTo("application/x-tar");
            assertThat(export.fileSuffix()).isEqualTo(".tar");
            announced = export.length().orElseThrow();
            export.writeTo(out);
        }
        assertThat(Files.size(tar)).isEqualTo(announced);

        Path extracted = Files.createDirectory(dir.resolve("extracted"));
        TestPg.run("tar", "-xf", tar.toString(), "-C", extracted.toString());
        Set<String> files = files(extracted);
        Manifest manifest = backup.manifest();
        Set<String> expected = new TreeSet<>();
        manifest.entries().forEach(e -> e.chunks().forEach(c ->
                expected.add(RepositoryLayout.chunkKey(backup.tenant(), c.name()))));
        int chunks = expected.size();
        expected.add(RepositoryLayout.manifestKey(backup.tenant(), backup.backupId()));
        expected.add(RepositoryLayout.keyKey(backup.tenant(), manifest.options().keyId()));
        assertThat(files).isEqualTo(expected);
        for (String key : files) {
            assertThat(Files.readAllBytes(extracted.resolve(key))).as(key).isEqualTo(backup.store().get(key));
        }
        // each distinct chunk once, though some are listed more than once
        assertThat(listing(tar)).hasSize(chunks + 2);

        try (ArchiveRepository offline = ArchiveRepository.open(new DirectoryObjectStore(extracted),
                backup.tenant(), backup.master())) {
            assertThat(offline.listBackupIds()).containsExactly(backup.backupId());
            Manifest read = offline.readManifest(backup.backupId());
            VerificationReport report = offline.verifier().verify(read);
            assertThat(report.defects()).isEmpty();
            for (ManifestEntry e : read.entries()) {
                try (InputStream in = offline.reader().openEntry(read, e.name())) {
                    assertThat(sha256(in)).as(e.name()).isEqualTo(e.sha256());
                }
            }
            DumpPlan plan;
            try (InputStream in = offline.reader().openEntry(read, DumpPlan.ENTRY_NAME)) {
                plan = DumpPlan.decode(in.readAllBytes());
            }
            PgConnectionSpec target = TestPg.freshDatabase("arca export offline");
            new PgRestorer(PgTools.locate(), Duration.ZERO).restore(target, RestoreOptions.full(),
                    new BackupEntrySource(new BackupContent(offline.reader(), read, plan, null)));
            assertThat(TableChecksums.capture(target).differencesFrom(stress.fingerprint)).isEmpty();
        }
    }

    private static Set<String> files(Path root) throws Exception {
        try (var walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(f -> root.relativize(f).toString())
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static List<String> listing(Path tar) throws Exception {
        Process p = new ProcessBuilder("tar", "-tf", tar.toString()).start();
        List<String> names = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertThat(p.waitFor()).isZero();
        return names;
    }

    private static String sha256(InputStream in) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        byte[] buf = new byte[65536];
        int n;
        while ((n = in.read(buf)) >= 0) {
            md.update(buf, 0, n);
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
