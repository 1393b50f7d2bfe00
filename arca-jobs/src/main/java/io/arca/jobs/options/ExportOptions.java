package io.arca.jobs.options;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The options of an export job beside its format and compression (which have their own columns): the table
 * patterns it selects (empty = every table) and whether the request said {@code force} (export a backup that a
 * verification found corrupted). The API validates them and stores them as {@code exports.options}; the worker reads
 * the same record back.
 */
@Schema(name = "ExportOptions")
public record ExportOptions(List<String> tables, boolean force) {
    public ExportOptions {
        tables = tables == null ? List.of() : List.copyOf(tables);
    }
}
