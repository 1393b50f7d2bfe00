package io.arca.archive.write;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PlaintextBudgetTest {
    private static final int KIB = 1024;

    @Test
    void arraysComeInPowerOfTwoClassesAndAreReused() throws Exception {
        PlaintextBudget budget = new PlaintextBudget(4096L * KIB);
        byte[] a = budget.take(700 * KIB, 10, TimeUnit.MILLISECONDS);
        assertThat(a).hasSize(1024 * KIB);
        budget.release(a);
        assertThat(budget.take(1000 * KIB, 10, TimeUnit.MILLISECONDS)).isSameAs(a);
        assertThat(budget.take(10, 10, TimeUnit.MILLISECONDS)).hasSize(64 * KIB);
    }

    @Test
    void aSpentBudgetMakesTheCallerWaitAndGivesNothing() throws Exception {
        PlaintextBudget budget = new PlaintextBudget(2048L * KIB);
        byte[] first = budget.take(1024 * KIB, 10, TimeUnit.MILLISECONDS);
        byte[] second = budget.take(1024 * KIB, 10, TimeUnit.MILLISECONDS);
        assertThat(first).isNotNull();
        assertThat(second).isNotNull();
        assertThat(budget.take(1, 50, TimeUnit.MILLISECONDS)).as("budget spent").isNull();

        Thread releaser = new Thread(() -> {
            sleep(100);
            budget.release(first);
        });
        releaser.start();
        assertThat(budget.take(1024 * KIB, 5, TimeUnit.SECONDS)).as("woken by the release").isSameAs(first);
        releaser.join();
    }

    @Test
    void freeArraysOfAnotherClassAreDroppedToMakeRoom() throws Exception {
        PlaintextBudget budget = new PlaintextBudget(2048L * KIB);
        byte[] small1 = budget.take(512 * KIB, 10, TimeUnit.MILLISECONDS);
        byte[] small2 = budget.take(512 * KIB, 10, TimeUnit.MILLISECONDS);
        byte[] small3 = budget.take(512 * KIB, 10, TimeUnit.MILLISECONDS);
        budget.release(small1);
        budget.release(small2);
        // 1.5 MiB exists (1 MiB free), 2 MiB asked: the free 512 KiB arrays go, small3 stays in use
        byte[] big = budget.take(2048 * KIB - 1, 10, TimeUnit.MILLISECONDS);
        assertThat(big).as("does not fit next to small3").isNull();
        byte[] mid = budget.take(1024 * KIB, 10, TimeUnit.MILLISECONDS);
        assertThat(mid).hasSize(1024 * KIB);
        assertThat(small3).hasSize(512 * KIB);
    }

    @Test
    void aChunkTakesALargerFreeArrayRatherThanAllocatingOne() throws Exception {
        PlaintextBudget budget = new PlaintextBudget(8192L * KIB);
        byte[] big1 = budget.take(3000 * KIB, 10, TimeUnit.MILLISECONDS);
        byte[] big2 = budget.take(2500 * KIB, 10, TimeUnit.MILLISECONDS);
        assertThat(big1).hasSize(4096 * KIB);
        assertThat(big2).hasSize(4096 * KIB);
        budget.release(big1);
        budget.release(big2);
        // the 1 MiB class is empty: both 4 MiB arrays serve 1 MiB chunks, and nothing new is allocated, so with
        // the budget spent a third chunk waits
        byte[] a = budget.take(900 * KIB, 10, TimeUnit.MILLISECONDS);
        byte[] b = budget.take(600 * KIB, 10, TimeUnit.MILLISECONDS);
        assertThat(java.util.List.of(a, b)).containsExactlyInAnyOrder(big1, big2);
        assertThat(budget.take(600 * KIB, 20, TimeUnit.MILLISECONDS)).as("budget spent, no free array").isNull();
        budget.release(a);
        assertThat(budget.take(700 * KIB, 10, TimeUnit.MILLISECONDS)).isSameAs(a);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
