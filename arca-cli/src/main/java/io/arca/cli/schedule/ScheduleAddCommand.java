package io.arca.cli.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.arca.cli.ApiCommand;
import io.arca.cli.CliException;
import io.arca.cli.ExitCode;
import io.arca.cli.Options;
import io.arca.cli.backup.BackupCommand;
import io.arca.cli.resolve.SourceRef;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code arca schedules add NAME --source S (--cron EXPR | --preset P [--at HH:MM]) [--zone Z] [--keep-* N]} plus the
 * backup options of {@code arca backup}. The API checks cron, zone and policy; its refusal is printed as it says it.
 */
@Command(name = "add", description = "Create a schedule")
final class ScheduleAddCommand extends ApiCommand {
    @Parameters(paramLabel = "NAME") String name;
    @Option(names = "--source", required = true, paramLabel = "SOURCE", description = "name or id") String source;
    @Option(names = "--cron", paramLabel = "EXPR", description = "5 fields: minute hour day-of-month month weekday")
    String cron;
    @Option(names = "--preset", description = "hourly, daily, weekly or monthly") String preset;
    @Option(names = "--at", paramLabel = "HH:MM", description = "with --preset: the time of day") String at;
    @Option(names = "--zone", defaultValue = "UTC", description = "IANA time zone (default UTC)") String zone;
    @Option(names = "--overlap", description = "skip (default) or queue, when the previous backup is unfinished")
    String overlap;
    @Option(names = "--keep-last") Integer keepLast;
    @Option(names = "--keep-hourly") Integer keepHourly;
    @Option(names = "--keep-daily") Integer keepDaily;
    @Option(names = "--keep-weekly") Integer keepWeekly;
    @Option(names = "--keep-monthly") Integer keepMonthly;
    @Option(names = "--keep-yearly") Integer keepYearly;
    @Option(names = "--tables", split = ",", paramLabel = "PATTERN") List<String> tables;
    @Option(names = "--exclude", split = ",", paramLabel = "PATTERN") List<String> exclude;
    @Option(names = "--exclude-data", split = ",", paramLabel = "PATTERN") List<String> excludeData;
    @Option(names = "--no-encrypt") boolean noEncrypt;
    @Option(names = "--compression", paramLabel = "ALGO[:LEVEL]") String compression;
    @Option(names = "--label", paramLabel = "KEY=VALUE") List<String> labels;

    @Override
    protected int run() {
        if ((cron == null) == (preset == null)) {
            throw CliException.usage("give the timing as either --cron EXPR or --preset NAME [--at HH:MM]");
        }
        ObjectNode body = BackupCommand.request(SourceRef.resolve(api(), source).toString(), "full", tables, exclude,
                excludeData, !noEncrypt, compression, Options.labels(labels));
        body.put("name", name).put("timeZone", zone);
        ObjectNode timing = body.putObject("timing");
        if (cron != null) {
            timing.put("cron", cron);
        } else {
            timing.put("preset", preset);
            if (at != null) {
                timing.put("at", at);
            }
        }
        if (overlap != null) {
            body.put("overlap", overlap);
        }
        ObjectNode retention = body.objectNode();
        put(retention, "keepLast", keepLast);
        put(retention, "keepHourly", keepHourly);
        put(retention, "keepDaily", keepDaily);
        put(retention, "keepWeekly", keepWeekly);
        put(retention, "keepMonthly", keepMonthly);
        put(retention, "keepYearly", keepYearly);
        if (!retention.isEmpty()) {
            body.set("retention", retention);
        }
        JsonNode schedule = api().post("/api/v1/schedules", body);
        output().note("schedule " + name + " created (" + schedule.path("id").asText() + "), next run "
                + schedule.path("nextRunAt").asText());
        output().object(schedule, SchedulesCommand.SHOW);
        return ExitCode.OK;
    }

    private static void put(ObjectNode node, String field, Integer value) {
        if (value != null) {
            node.put(field, value);
        }
    }
}
