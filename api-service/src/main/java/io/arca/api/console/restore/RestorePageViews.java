package io.arca.api.console.restore;

import io.arca.api.console.restore.RestorePageView.TableResult;
import io.arca.api.error.ProblemException;
import io.arca.api.restore.RestoreDtos.RestoreView;
import io.arca.api.restore.RestoreService;
import io.arca.api.source.Source;
import io.arca.api.source.SourceService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Builds a restore's page from the API's view of it (tenant from the caller; unknown id: 404). */
@ApplicationScoped
public class RestorePageViews {
    @Inject
    RestoreService restores;

    @Inject
    SourceService sources;

    @Inject
    PreviewReader previews;

    /** The restore named by a page address; an id that is no UUID is as unknown as a missing one (404). */
    public RestorePageView of(String idText) {
        UUID id;
        try {
            id = UUID.fromString(idText);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("restore", idText);
        }
        RestoreView r = restores.get(id);
        Optional<PreviewView> preview = previews.read(r.preview());
        return new RestorePageView(r, sourceName(r.target().sourceId()), preview.orElse(null),
                r.preview() != null && preview.isEmpty(), RestoreOptionsText.of(r.options()), tables(r.result()),
                strings(r.result() == null ? null : r.result().get("foreignKeysLeftOut")),
                r.result() == null ? null : number(r.result().get("rows")), duration(r));
    }

    private String sourceName(UUID sourceId) {
        try {
            Source s = sources.find(sourceId);
            return s.name;
        } catch (ProblemException e) {
            return null; // deleted since: the page shows the id
        }
    }

    private static Duration duration(RestoreView r) {
        if (r.startedAt() == null) {
            return null;
        }
        Instant end = r.finishedAt() != null ? r.finishedAt() : Instant.now();
        return Duration.between(r.startedAt(), end);
    }

    @SuppressWarnings("unchecked")
    private static List<TableResult> tables(Map<String, Object> result) {
        if (result == null || !(result.get("tables") instanceof Map<?, ?> tables)) {
            return List.of();
        }
        List<TableResult> rows = new ArrayList<>();
        for (Map.Entry<?, ?> e : tables.entrySet()) {
            if (e.getValue() instanceof Map<?, ?> t) {
                Map<String, Object> m = (Map<String, Object>) t;
                rows.add(new TableResult(String.valueOf(e.getKey()), number(m.get("rows")),
                        number(m.get("rowsInBackup")), number(m.get("inserted")), number(m.get("skipped")),
                        number(m.get("overwritten"))));
            }
        }
        return rows;
    }

    private static List<String> strings(Object value) {
        return value instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
    }

    private static Long number(Object value) {
        return value instanceof Number n ? n.longValue() : null;
    }
}
