package io.arca.retention;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * What retention does with each live backup of a scope at {@code evaluatedAt}, newest first: the preview shows it, the
 * scheduler carries out its {@link #toDelete()}. Both come from {@link RetentionPlanner#plan}, so the preview is what
 * deletion then does.
 */
public record RetentionPlan(RetentionScope scope, Instant evaluatedAt, List<Entry> entries) {

    public enum Action {
        /** kept: by a rule, a pin, minKeep, or because retention does not judge it (in progress, corrupted) */
        KEEP,
        /** retention expires it: no rule keeps it */
        DELETE,
        /** a failed or cancelled backup: deleted by the failed cleanup once older than its maximum age */
        CLEANUP;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One backup's fate.
     *
     * @param rules the rules that keep it ({@code daily 2026-11-30}, {@code pinned}, ...); empty when none does
     * @param note  why retention leaves it alone or deletes it, when the rules do not say
     */
    public record Entry(ScopeBackup backup, Action action, List<String> rules, String note) {
    }

    public List<Entry> toDelete() {
        return entries.stream().filter(e -> e.action() == Action.DELETE).toList();
    }

    public long count(Action action) {
        return entries.stream().filter(e -> e.action() == action).count();
    }

    /** Why a backup of this plan expires, for its {@code deletion_detail}: the scope, its policy, the decision. */
    public String deletionDetail() {
        return "retention of " + scope.describe() + " at " + evaluatedAt + ": kept by no rule (" + count(Action.KEEP)
                + " of " + entries.size() + " live backups kept)";
    }
}
