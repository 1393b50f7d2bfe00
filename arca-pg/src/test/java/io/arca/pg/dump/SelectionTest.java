package io.arca.pg.dump;

import static org.assertj.core.api.Assertions.assertThat;

import io.arca.pg.DumpOptions;
import java.util.List;
import org.junit.jupiter.api.Test;

class SelectionTest {
    private static final Relation PAYMENT = new Relation(1, "public", "payment", 'p', 0, List.of(), 0);
    private static final Relation P2022 = new Relation(2, "public", "payment_p2022", 'r', 100, List.of(1L), 0);
    private static final Relation FILM = new Relation(3, "public", "film", 'r', 500, List.of(), 0);
    private static final Relation FILM_SEQ = new Relation(4, "public", "film_film_id_seq", 'S', 0, List.of(), 3);
    private static final Relation OTHER_SEQ = new Relation(5, "public", "other_seq", 'S', 0, List.of(), 0);
    private static final Relation VIEW = new Relation(6, "public", "film_list", 'v', 0, List.of(), 0);
    private static final List<Relation> ALL = List.of(PAYMENT, P2022, FILM, FILM_SEQ, OTHER_SEQ, VIEW);

    @Test
    void everythingByDefaultLargestTableFirstAndOnlyLeavesHoldData() {
        Selection s = Selection.of(ALL, DumpOptions.full());
        assertThat(s.selected()).containsExactlyElementsOf(ALL);
        assertThat(s.dataTables()).containsExactly(FILM, P2022);
        assertThat(s.sequences()).containsExactly(FILM_SEQ, OTHER_SEQ);
        assertThat(s.toLock()).containsExactly(PAYMENT, P2022, FILM);
    }

    @Test
    void partitionsAndOwnedSequencesFollowTheirTable() {
        Selection s = Selection.of(ALL, DumpOptions.full().withInclude("public.payment", "film"));
        assertThat(s.selected()).containsExactly(PAYMENT, P2022, FILM, FILM_SEQ);
        assertThat(s.unselected()).containsExactly(OTHER_SEQ, VIEW);

        Selection excluded = Selection.of(ALL, DumpOptions.full().withExclude("payment", "public.film"));
        assertThat(excluded.selected()).containsExactly(OTHER_SEQ, VIEW);
    }

    @Test
    void excludeDataKeepsTheTable() {
        Selection s = Selection.of(ALL, DumpOptions.full().withExcludeData("payment"));
        assertThat(s.selected()).contains(PAYMENT, P2022);
        assertThat(s.dataTables()).containsExactly(FILM);
    }
}
