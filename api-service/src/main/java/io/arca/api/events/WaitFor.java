package io.arca.api.events;

import io.arca.api.error.ProblemException;
import io.arca.common.job.JobState;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A long poll's parameters: {@code waitFor} (job states, comma-separated, or {@code terminal}) and {@code timeout}
 * ({@code 30s} or {@code 30}; at most 60 s, default 30 s).
 */
public record WaitFor(Set<JobState> states, Duration timeout) {
    /** The longest wait: below the usual 60 s idle timeout of proxies and load balancers. */
    public static final Duration MAX_TIMEOUT = Duration.ofSeconds(60);
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern SECONDS = Pattern.compile("(\\d{1,9})s?");

    /**
     * @return null without {@code waitFor} (the endpoint answers at once, as without a long poll); a timeout alone is
     *         checked but changes nothing
     * @throws ProblemException 400 naming {@code waitFor} or {@code timeout}
     */
    public static WaitFor parse(String waitFor, String timeout) {
        Duration wait = timeout(timeout);
        if (waitFor == null) {
            return null;
        }
        Set<JobState> states = EnumSet.noneOf(JobState.class);
        for (String name : waitFor.split(",", -1)) {
            String n = name.trim().toLowerCase(Locale.ROOT);
            if (n.equals("terminal")) {
                Arrays.stream(JobState.values()).filter(JobState::isTerminal).forEach(states::add);
                continue;
            }
            try {
                states.add(JobState.fromWireName(n));
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalid("waitFor", "waitFor takes job states, comma-separated ("
                        + Arrays.stream(JobState.values()).map(JobState::wireName).collect(Collectors.joining(", "))
                        + ") or terminal; unknown: \"" + name + "\"");
            }
        }
        return new WaitFor(states, wait);
    }

    private static Duration timeout(String text) {
        if (text == null) {
            return DEFAULT_TIMEOUT;
        }
        Matcher m = SECONDS.matcher(text.trim());
        if (m.matches()) {
            long seconds = Long.parseLong(m.group(1));
            if (seconds <= MAX_TIMEOUT.toSeconds()) {
                return Duration.ofSeconds(seconds);
            }
        }
        throw ProblemException.invalid("timeout",
                "timeout is whole seconds from 0 to " + MAX_TIMEOUT.toSeconds() + " (\"30s\" or \"30\")");
    }

    public boolean reached(String state) {
        return states.contains(JobState.fromWireName(state));
    }
}
