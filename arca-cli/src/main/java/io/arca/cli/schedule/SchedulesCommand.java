package io.arca.cli.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import io.arca.cli.ApiCommand;
import io.arca.cli.ExitCode;
import io.arca.cli.backup.BackupsCommand;
import io.arca.cli.output.Column;
import io.arca.cli.resolve.Ids;
import io.arca.cli.resolve.SourceRef;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code arca schedules add|ls|show|rm|run|enable|disable|preview-retention}. */
@Command(name = "schedules", description = "Timed backups with retention",
        subcommands = {ScheduleAddCommand.class, SchedulesCommand.Ls.class, SchedulesCommand.Show.class,
            SchedulesCommand.Rm.class, SchedulesCommand.Run.class, SchedulesCommand.Enable.class,
            SchedulesCommand.Disable.class, SchedulesCommand.PreviewRetention.class})
public final class SchedulesCommand {
    static final List<Column> LIST = List.of(Column.of("id", "id"), Column.of("name", "name"),
            Column.of("cron", "cron"), Column.of("zone", "timeZone"), Column.of("enabled", "enabled"),
            Column.time("next run", "nextRunAt"), Column.of("last outcome", "/lastRun/outcome"));
    static final List<Column> SHOW = List.of(Column.of("id", "id"), Column.of("name", "name"),
            Column.of("source", "sourceId"), Column.of("enabled", "enabled"), Column.of("timing", "timing"),
            Column.of("cron", "cron"), Column.of("zone", "timeZone"), Column.of("overlap", "overlap"),
            Column.of("retention", "retention"), Column.of("drill", "drill"), Column.time("next run", "nextRunAt"),
            new Column("upcoming", s -> s.path("upcoming").isArray() ? join(s.path("upcoming")) : "-"),
            Column.of("last run", "lastRun"));

    @Command(name = "ls", description = "List schedules")
    static final class Ls extends ApiCommand {
        @Option(names = "--source", paramLabel = "SOURCE", description = "name or id") String source;
        @Option(names = "--limit", defaultValue = "50", description = "at most N (0: all)") int limit;

        @Override
        protected int run() {
            Map<String, String> query = new LinkedHashMap<>();
            if (source != null) {
                query.put("sourceId", SourceRef.resolve(api(), source).toString());
            }
            output().list(api().list("/api/v1/schedules", query, limit), LIST);
            return ExitCode.OK;
        }
    }

    @Command(name = "show", description = "Show a schedule and its next fire times")
    static final class Show extends ApiCommand {
        @Parameters(paramLabel = "SCHEDULE", description = "schedule id") String schedule;
        @Option(names = "--upcoming", defaultValue = "5", description = "how many next fire times") int upcoming;

        @Override
        protected int run() {
            output().object(api().get("/api/v1/schedules/" + Ids.require(schedule, "schedule id") + "?upcoming="
                    + upcoming), SHOW);
            return ExitCode.OK;
        }
    }

    @Command(name = "rm", description = "Delete a schedule (its backups stay)")
    static final class Rm extends ApiCommand {
        @Parameters(paramLabel = "SCHEDULE", description = "schedule id") String schedule;

        @Override
        protected int run() {
            api().delete("/api/v1/schedules/" + Ids.require(schedule, "schedule id"));
            output().note("schedule " + schedule + " deleted");
            return ExitCode.OK;
        }
    }

    @Command(name = "run", description = "Run a schedule now (outside its timetable)")
    static final class Run extends ApiCommand {
        @Parameters(paramLabel = "SCHEDULE", description = "schedule id") String schedule;
        @Option(names = "--wait", description = "follow its backup until it ends") boolean await;

        @Override
        protected int run() {
            JsonNode fire = api().post("/api/v1/schedules/" + Ids.require(schedule, "schedule id") + "/run", null);
            String backupId = fire.path("backupId").asText();
            output().note("schedule " + schedule + " fired: backup " + backupId);
            JsonNode backup = await ? waiter().await("/api/v1/backups/" + backupId, "backup " + backupId)
                    : api().get("/api/v1/backups/" + backupId);
            output().object(backup, BackupsCommand.SHOW);
            return await ? waiter().exitCode(backup, "backup " + backupId) : ExitCode.OK;
        }
    }

    @Command(name = "enable", description = "Enable a schedule")
    static final class Enable extends ApiCommand {
        @Parameters(paramLabel = "SCHEDULE", description = "schedule id") String schedule;

        @Override
        protected int run() {
            output().object(api().post("/api/v1/schedules/" + Ids.require(schedule, "schedule id") + "/enable",
                    null), SHOW);
            return ExitCode.OK;
        }
    }

    @Command(name = "disable", description = "Disable a schedule (it stops firing)")
    static final class Disable extends ApiCommand {
        @Parameters(paramLabel = "SCHEDULE", description = "schedule id") String schedule;

        @Override
        protected int run() {
            output().object(api().post("/api/v1/schedules/" + Ids.require(schedule, "schedule id") + "/disable",
                    null), SHOW);
            return ExitCode.OK;
        }
    }

    @Command(name = "preview-retention", description = "What the schedule's retention keeps and deletes now "
            + "(nothing is deleted by asking)")
    static final class PreviewRetention extends ApiCommand {
        @Parameters(paramLabel = "SCHEDULE", description = "schedule id") String schedule;
        @Option(names = "--limit", defaultValue = "50", description = "backups to show") int limit;

        @Override
        protected int run() {
            UUID id = Ids.require(schedule, "schedule id");
            JsonNode preview = api().get("/api/v1/schedules/" + id + "/retention-preview?limit=" + limit);
            if (output().json()) {
                output().print(preview);
                return ExitCode.OK;
            }
            JsonNode counts = preview.path("counts");
            output().line("policy " + preview.path("policy") + " (zone " + preview.path("zone").asText() + "): keep "
                    + counts.path("keep").asText() + ", delete " + counts.path("delete").asText() + ", clean up "
                    + counts.path("cleanup").asText() + " of " + counts.path("total").asText());
            output().list(preview.path("items"), List.of(new Column("id", i -> i.path("backupId").asText()),
                    Column.time("time", "time"), Column.of("action", "action"),
                    new Column("rules", i -> join(i.path("rules"))), Column.of("pinned", "pinned")));
            return ExitCode.OK;
        }
    }

    static String join(JsonNode array) {
        StringBuilder s = new StringBuilder();
        array.forEach(v -> s.append(s.isEmpty() ? "" : ", ").append(v.asText()));
        return s.isEmpty() ? "-" : s.toString();
    }
}
