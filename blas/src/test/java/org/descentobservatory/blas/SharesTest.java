package org.descentobservatory.blas;

import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SharesTest {

    @Test
    void everyPartRunsExactlyOnceOnAtMostTheGivenThreads() {
        for (int threads = 1; threads <= 4; threads++) {
            AtomicIntegerArray runs = new AtomicIntegerArray(7);
            Set<Thread> used = ConcurrentHashMap.newKeySet();
            Shares.run(7, threads, p -> {
                runs.incrementAndGet(p);
                used.add(Thread.currentThread());
            });
            for (int p = 0; p < 7; p++) {
                assertThat(runs.get(p)).as("part %d with %d threads", p, threads).isEqualTo(1);
            }
            assertThat(used).hasSizeLessThanOrEqualTo(threads).contains(Thread.currentThread());
        }
    }

    @Test
    void aFailingPartIsRethrownAfterTheOthersEnded() {
        AtomicIntegerArray runs = new AtomicIntegerArray(3);
        assertThatThrownBy(() -> Shares.run(3, 3, p -> {
            runs.incrementAndGet(p);
            if (p == 1) {
                throw new IllegalStateException("part 1");
            }
        })).isInstanceOf(IllegalStateException.class).hasMessage("part 1");
        for (int p = 0; p < 3; p++) {
            assertThat(runs.get(p)).isEqualTo(1);
        }
    }

    @Test
    void sharesAreContiguousAndCoverTheRange() {
        assertThat(Shares.start(0, 10, 3)).isZero();
        assertThat(Shares.start(1, 10, 3)).isEqualTo(3);
        assertThat(Shares.start(2, 10, 3)).isEqualTo(6);
        assertThat(Shares.start(3, 10, 3)).isEqualTo(10);
        assertThatThrownBy(() -> Shares.requireThreads(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
