package io.arca.scheduler.retention;

import io.arca.retention.RetentionScope;
import java.util.UUID;

/** A scope to evaluate: a schedule or a source, by id. */
public record ScopeRef(RetentionScope.Kind kind, UUID id) {
}
