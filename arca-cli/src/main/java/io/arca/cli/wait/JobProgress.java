package io.arca.cli.wait;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a job's object says about its progress, whatever its kind: phase, bytes (read, restored, checked or written),
 * tables done and total, and a fraction done (tables, or the restore's bytes against its preview's bytes to load).
 */
record JobProgress(String state, String phase, long bytes, int tablesDone, int tablesTotal, double fraction) {

    static JobProgress of(JsonNode job) {
        JsonNode p = job.path("progress");
        long bytes = first(p, "bytesRead", "bytesRestored", "bytesChecked", "bytesWritten");
        int done = p.path("tablesDone").asInt();
        int total = p.path("tablesTotal").asInt();
        String state = job.path("state").asText();
        double fraction;
        long toLoad = job.at("/preview/bytesToLoad").asLong(0);
        if ("completed".equals(state)) {
            fraction = 1.0;
        } else if (toLoad > 0 && p.has("bytesRestored")) {
            fraction = Math.min(0.99, (double) bytes / toLoad);
        } else if (total > 0) {
            fraction = Math.min(0.99, (double) done / total);
        } else {
            fraction = 0;
        }
        String phase = p.path("phase").isTextual() ? p.path("phase").asText() : job.path("phase").asText(state);
        return new JobProgress(state, phase, bytes, done, total, fraction);
    }

    private static long first(JsonNode progress, String... fields) {
        for (String f : fields) {
            if (progress.path(f).isNumber()) {
                return progress.path(f).asLong();
            }
        }
        return 0;
    }
}
