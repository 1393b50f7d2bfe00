package io.arca.worker.verify;

import io.arca.archive.manifest.Manifest;
import io.arca.archive.manifest.ManifestEntry;
import io.arca.archive.verify.Defect;
import io.arca.archive.verify.VerificationReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the archive verifier's defects into the problems a user reads. A bad chunk is one problem however many
 * entries use it (the verifier reports it once per use), and it names every entry of the backup that uses it, so
 * a user sees every table the damage reaches.
 */
final class Problems {
    private Problems() {
    }

    /** The defects the store caused rather than the stored bytes (none of them is a problem of the backup). */
    static List<Defect> readErrors(VerificationReport report) {
        return report.defects().stream().filter(d -> d.kind() == Defect.Kind.READ_ERROR).toList();
    }

    static List<Problem> of(VerificationReport report, Manifest manifest) {
        Map<String, Defect> firstByChunk = new LinkedHashMap<>();
        List<Problem> problems = new ArrayList<>();
        for (Defect d : report.defects()) {
            if (d.chunkName() != null) {
                firstByChunk.putIfAbsent(d.chunkName(), d);
            } else {
                ManifestEntry entry = manifest.entry(d.entry()).orElseThrow();
                problems.add(new Problem(null, null, List.of(Problem.EntryRef.of(entry)), d.kind().label(),
                        d.detail()));
            }
        }
        List<Problem> chunkProblems = new ArrayList<>();
        for (Defect d : firstByChunk.values()) {
            List<Problem.EntryRef> users = manifest.entriesUsing(d.chunkName()).stream()
                    .map(Problem.EntryRef::of).toList();
            chunkProblems.add(new Problem(d.chunkName(), d.chunkIndex(), users, d.kind().label(), d.detail()));
        }
        chunkProblems.addAll(problems);
        return chunkProblems;
    }

    /** A problem of the manifest object itself (missing, or not the object the backup recorded). */
    static Problem manifest(String reason, String detail) {
        return new Problem(null, null, List.of(), reason, "manifest: " + detail);
    }

}
