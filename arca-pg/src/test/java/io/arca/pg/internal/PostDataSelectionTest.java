package io.arca.pg.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arca.pg.DumpEntry;
import io.arca.pg.ForeignKeyTables;
import io.arca.pg.PgEngineException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Which post-data items a script of selected tables keeps, on a table of contents as pg_restore --list prints it:
 * indexes and constraints of selected tables with their comments; foreign keys between selected tables only; the
 * comments and partition index attachments of what is left out go too; everything else stays.
 */
class PostDataSelectionTest {
    static final DumpEntry FILM = DumpEntry.tableData(16385, "public", "film", List.of("id"));
    static final DumpEntry ACTOR = DumpEntry.tableData(16390, "public", "actor", List.of("id"));
    static final DumpEntry PART = DumpEntry.tableData(16395, "my schema", "part 1", List.of("id"));
    static final List<String> TOC = List.of(
            ";",
            "; Selected TOC Entries:",
            "3001; 2606 17001 CONSTRAINT public film film_pkey arca",
            "3002; 2606 17002 CONSTRAINT public actor actor_pkey arca",
            "3003; 1259 17003 INDEX public film_title arca",
            "3004; 1259 17004 INDEX public actor_name arca",
            "3005; 2606 17005 CONSTRAINT my schema part 1 part 1_pkey arca",
            "3006; 0 0 INDEX ATTACH my schema part 1_pkey ",
            "3007; 0 0 COMMENT public INDEX actor_name arca",
            "3008; 0 0 COMMENT public INDEX film_title arca",
            "3009; 0 0 COMMENT public CONSTRAINT actor_pkey ON actor arca",
            "3010; 2620 17010 TRIGGER public actor actor_audit arca",
            "3011; 2606 17011 FK CONSTRAINT public film film_actor_fkey arca",
            "3012; 2606 17012 FK CONSTRAINT public film film_self_fkey arca",
            "3013; 2606 17013 FK CONSTRAINT public actor actor_film_fkey arca",
            "3014; 0 0 COMMENT public CONSTRAINT film_actor_fkey ON film arca",
            "3015; 2606 17015 FK CONSTRAINT public film film_parent_fkey arca",
            "3016; 0 0 MATERIALIZED VIEW DATA public stats arca");
    static final Map<String, String> ITEMS = Map.of("2606/17001", FILM.name(), "2606/17002", ACTOR.name(),
            "1259/17003", FILM.name(), "1259/17004", ACTOR.name(), "2606/17005", PART.name());
    static final Map<String, ForeignKeyTables> FKS = Map.of(
            "2606/17011", new ForeignKeyTables(FILM.name(), ACTOR.name()),
            "2606/17012", new ForeignKeyTables(FILM.name(), FILM.name()),
            "2606/17013", new ForeignKeyTables(ACTOR.name(), FILM.name()),
            "2606/17015", new ForeignKeyTables(FILM.name(), null));

    @Test
    void keepsWhatBelongsToSelectedTables() {
        PostDataSelection s = PostDataSelection.of(TOC, ITEMS, FKS, entries(), Set.of(FILM.name()));
        assertThat(s.kept()).extracting(l -> l.substring(0, 4))
                .containsExactly("3001", "3003", "3008", "3010", "3012", "3016");
        assertThat(s.leftOutForeignKeys()).containsExactly("FK CONSTRAINT public film film_actor_fkey arca",
                "FK CONSTRAINT public film film_parent_fkey arca");
        // actor_pkey, actor_name, part 1_pkey, its attachment, two comments, actor_film_fkey, the fk's comment
        assertThat(s.leftOutOfOtherTables()).isEqualTo(8);
    }

    @Test
    void foreignKeysBetweenSelectedTablesStay() {
        PostDataSelection s = PostDataSelection.of(TOC, ITEMS, FKS, entries(), Set.of(FILM.name(), ACTOR.name()));
        assertThat(s.kept()).extracting(l -> l.substring(0, 4)).contains("3011", "3013", "3014", "3002", "3009")
                .doesNotContain("3005", "3006", "3015");
    }

    @Test
    void withoutForeignKeyTablesEveryForeignKeyIsLeftOut() {
        PostDataSelection s = PostDataSelection.of(TOC, ITEMS, Map.of(), entries(), Set.of(FILM.name(),
                ACTOR.name()));
        assertThat(s.kept()).extracting(l -> l.substring(0, 4)).doesNotContain("3011", "3012", "3013", "3014",
                "3015");
        assertThat(s.leftOutForeignKeys()).hasSize(4);
    }

    @Test
    void anUnreadableListingIsAnError() {
        assertThatThrownBy(() -> PostDataSelection.of(List.of("something else"), ITEMS, FKS, entries(), Set.of()))
                .isInstanceOf(PgEngineException.class).hasMessageContaining("something else");
    }

    private static Map<String, DumpEntry> entries() {
        Map<String, DumpEntry> m = new LinkedHashMap<>();
        List.of(FILM, ACTOR, PART).forEach(e -> m.put(e.name(), e));
        return m;
    }
}
