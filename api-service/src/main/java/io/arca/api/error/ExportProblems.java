package io.arca.api.error;

import io.arca.export.ExportRefusedException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The API's side of arca-export's refusals: {@link ExportRefusedException#code()} is already a stable slug, so it
 * maps one to one onto a {@link ProblemType} (exports and download links refuse the same requests the same way).
 */
public class ExportProblems {

    @ServerExceptionMapper
    public Response refused(ExportRefusedException e) {
        return ProblemMappers.respond(of(e).toProblem());
    }

    public static ProblemException of(ExportRefusedException e) {
        return switch (e.code()) {
            case "tables-match-nothing" -> new ProblemException(ProblemType.TABLES_MATCH_NOTHING, e.getMessage(),
                    "tables");
            case "backup-has-no-data" -> new ProblemException(ProblemType.BACKUP_HAS_NO_DATA, e.getMessage(),
                    "format");
            default -> new ProblemException(ProblemType.INVALID_EXPORT_OPTION, e.getMessage(), null);
        };
    }
}
