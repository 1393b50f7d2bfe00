package io.arca.cli.repo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.arca.archive.repo.ArchiveRepository;
import io.arca.archive.verify.Defect;
import io.arca.archive.verify.VerificationReport;
import io.arca.cli.ExitCode;
import io.arca.cli.http.ApiClient;
import io.arca.cli.output.Column;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code arca repo verify <backup>}: reads every chunk of the backup (tag, hash against its name, size) and every
 * entry's digest, as the service's verification does (the same {@code Verifier}). Exit 1 with the defects when any.
 */
@Command(name = "verify", description = "Check every chunk of a backup in the bucket")
final class RepoVerifyCommand extends RepoSubcommand {
    @Parameters(paramLabel = "BACKUP", description = "backup id")
    String backupId;

    @Override
    protected int runOffline() {
        RepoAccess access = access();
        ArchiveRepository repository = access.repository(access.tenantOf(backupId));
        VerificationReport report = repository.verifier().verify(backupId);
        ObjectNode result = ApiClient.json().createObjectNode().put("id", backupId).put("ok", report.ok())
                .put("entriesChecked", report.entriesChecked()).put("chunksChecked", report.chunksChecked())
                .put("bytesChecked", report.bytesChecked());
        ArrayNode defects = result.putArray("defects");
        for (Defect d : report.defects()) {
            defects.addObject().put("entry", d.entry()).put("chunkIndex", d.chunkIndex()).put("chunk", d.chunkName())
                    .put("kind", d.kind().label()).put("detail", d.detail());
        }
        output().object(result, List.of(Column.of("backup", "id"), Column.of("ok", "ok"),
                Column.of("entries checked", "entriesChecked"), Column.of("chunks checked", "chunksChecked"),
                Column.bytes("bytes checked", "bytesChecked")));
        if (!output().json()) {
            report.defects().forEach(d -> io().err().println("arca: " + d.kind().label() + " in " + d.entry()
                    + (d.chunkName() == null ? "" : " chunk " + d.chunkIndex() + " (" + d.chunkName() + ")") + ": "
                    + d.detail()));
        }
        return report.ok() ? ExitCode.OK : ExitCode.JOB_FAILED;
    }
}
