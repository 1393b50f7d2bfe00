package io.arca.schedule;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;
import io.arca.schedule.InvalidTimingException.Kind;
import java.util.List;

/**
 * Parses 5-field UNIX cron expressions with cron-utils, and turns its errors (which do not say which field is wrong)
 * into one that names the field and its position.
 */
final class CronExpressions {
    /** The five fields of a UNIX cron expression, in order. */
    static final List<String> FIELDS = List.of("minute", "hour", "day-of-month", "month", "day-of-week");
    private static final CronParser PARSER =
            new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    private CronExpressions() {
    }

    /** @throws InvalidTimingException of kind CRON naming the field and position that is wrong */
    static Cron parse(String expression) {
        String normalised = expression == null ? "" : expression.trim().replaceAll("\\s+", " ");
        String[] parts = normalised.isEmpty() ? new String[0] : normalised.split(" ");
        if (parts.length != FIELDS.size()) {
            throw invalid(expression, "has " + parts.length + " fields; a cron expression has 5: minute hour "
                    + "day-of-month month day-of-week (e.g. \"30 2 * * *\")");
        }
        try {
            Cron cron = PARSER.parse(normalised);
            cron.validate();
            return cron;
        } catch (IllegalArgumentException e) {
            throw invalid(expression, culprit(parts) + ": " + reason(e));
        }
    }

    /** The first field that fails on its own (every other field a wildcard), as "field N (name) 'value'". */
    private static String culprit(String[] parts) {
        for (int i = 0; i < parts.length; i++) {
            String[] alone = {"*", "*", "*", "*", "*"};
            alone[i] = parts[i];
            try {
                PARSER.parse(String.join(" ", alone)).validate();
            } catch (IllegalArgumentException e) {
                return "field " + (i + 1) + " (" + FIELDS.get(i) + ") '" + parts[i] + "'";
            }
        }
        return "the fields do not fit together";
    }

    private static String reason(IllegalArgumentException e) {
        String message = e.getMessage() == null ? "invalid" : e.getMessage();
        return message.replace("Failed to parse cron expression. ", "");
    }

    private static InvalidTimingException invalid(String expression, String what) {
        return new InvalidTimingException(Kind.CRON, "timing.cron", "cron expression '" + expression + "' " + what);
    }
}
