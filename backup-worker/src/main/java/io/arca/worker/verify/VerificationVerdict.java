package io.arca.worker.verify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.arca.jobs.CompletionWrites;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a verification concludes about its backup, written in the transaction that completes the verification:
 * {@code backups.verification} (the JSON the API shows), {@code verified_at}, {@code corrupted} (set by a verify that
 * found damaged objects, cleared by one that read every object intact), and for a deep verification that proved the
 * backup restorable {@code backups.proven_restorable_at} and the backup's source's {@code last_proven_restorable_at}.
 * Both rows' {@code version} goes up, so an API write based on an older read of the row fails instead of undoing this.
 */
record VerificationVerdict(VerifyRequest request, Instant at, int entriesChecked, long chunksChecked,
        long bytesChecked, List<Problem> problems, List<ScratchVerification.TableComparison> tables) {

    boolean corrupted() {
        return problems.stream().anyMatch(Problem::damagesBackup);
    }

    /** A deep verification without any problem: restored, and every table equal to the backup. */
    boolean provenRestorable() {
        return request.deep() && tables != null && problems.isEmpty();
    }

    String state() {
        if (corrupted()) {
            return "corrupted";
        }
        return problems.isEmpty() ? "ok" : "restore-mismatch";
    }

    /** The backup's {@code verification} JSON. */
    Map<String, Object> json() {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("state", state());
        v.put("at", at.toString());
        v.put("deep", request.deep());
        v.put("verificationId", request.verificationId().toString());
        v.put("entriesChecked", entriesChecked);
        v.put("chunksChecked", chunksChecked);
        v.put("bytesChecked", bytesChecked);
        v.put("problems", problems);
        if (request.deep()) {
            v.put("restorable", provenRestorable());
            v.put("tables", tables == null ? List.of() : tables.stream().map(t -> {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("schema", t.schema());
                row.put("table", t.table());
                row.put("rows", t.rows());
                row.put("restoredRows", t.restoredRows());
                row.put("checksumMatch", t.checksumMatch());
                return row;
            }).toList());
        }
        return v;
    }

    CompletionWrites writes(ObjectMapper json) throws JsonProcessingException {
        String verification = json.writeValueAsString(json());
        OffsetDateTime when = at.atOffset(ZoneOffset.UTC);
        boolean corrupted = corrupted();
        boolean proven = provenRestorable();
        return c -> {
            try (PreparedStatement ps = c.prepareStatement("update backups set verification = cast(? as jsonb), "
                    + "verified_at = ?, corrupted = ?, "
                    + "proven_restorable_at = case when ? then ? else proven_restorable_at end, updated_at = now(), "
                    + "version = version + 1 "
                    + "where id = ? and tenant_id = ?")) {
                ps.setString(1, verification);
                ps.setObject(2, when);
                ps.setBoolean(3, corrupted);
                ps.setBoolean(4, proven);
                ps.setObject(5, when);
                ps.setObject(6, request.backupId());
                ps.setObject(7, request.tenantId());
                ps.executeUpdate();
            }
            if (proven) {
                try (PreparedStatement ps = c.prepareStatement("update sources set last_proven_restorable_at = "
                        + "greatest(last_proven_restorable_at, ?), updated_at = now(), version = version + 1 "
                        + "where id = ? and tenant_id = ?")) {
                    ps.setObject(1, when);
                    ps.setObject(2, request.backupSourceId());
                    ps.setObject(3, request.tenantId());
                    ps.executeUpdate();
                }
            }
        };
    }
}
