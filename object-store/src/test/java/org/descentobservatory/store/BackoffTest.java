package org.descentobservatory.store;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link Backoff}'s schedule, and which failures it retries, with actions that fail a known number of times. */
class BackoffTest {

    private static final Backoff FAST = new Backoff(4, Duration.ofMillis(1), Duration.ofMillis(3));

    @Test
    void delaysDoubleFromTheInitialOneUpToTheCap() {
        Backoff backoff = new Backoff(12, Duration.ofSeconds(1), Duration.ofSeconds(60));
        assertThat(List.of(1, 2, 3, 6, 7, 11)).map(backoff::delayAfter).containsExactly(Duration.ofSeconds(1),
                Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(32), Duration.ofSeconds(60),
                Duration.ofSeconds(60));
        // 1 + 2 + 4 + 8 + 16 + 32 + 5 × 60: the documented default of the trainer.
        assertThat(backoff.totalDelay()).isEqualTo(Duration.ofSeconds(363));
    }

    @Test
    void aTransientFailureIsRetriedUntilTheActionSucceedsAndEveryRetryIsReported() {
        AtomicInteger calls = new AtomicInteger();
        List<Duration> reported = new ArrayList<>();

        String result = FAST.call(() -> {
            if (calls.incrementAndGet() < 4) {
                throw new StoreException("down", null);
            }
            return "stored";
        }, e -> true, (attempt, delay, failure) -> reported.add(delay));

        assertThat(result).isEqualTo("stored");
        assertThat(calls).hasValue(4);
        assertThat(reported).containsExactly(Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(3));
    }

    @Test
    void aFailureNotRetryableIsThrownAtOnceAndThePersistentOneAfterTheLastAttempt() {
        AtomicInteger calls = new AtomicInteger();
        MissingObjectException missing = new MissingObjectException("missing", null);
        assertThatThrownBy(() -> FAST.call(() -> {
            calls.incrementAndGet();
            throw missing;
        }, e -> !(e instanceof MissingObjectException), (attempt, delay, failure) -> { }))
                .isSameAs(missing);
        assertThat(calls).hasValue(1);

        StoreException down = new StoreException("still down", null);
        assertThatThrownBy(() -> FAST.call(() -> {
            calls.incrementAndGet();
            throw down;
        }, e -> true, (attempt, delay, failure) -> { }))
                .isInstanceOf(RetriesExhaustedException.class).hasCause(down)
                .hasMessageContaining("4 attempts").hasMessageContaining("still down")
                .satisfies(e -> assertThat(((RetriesExhaustedException) e).attempts()).isEqualTo(4));
        assertThat(calls).hasValue(5);
    }

    @Test
    void anInterruptWhileWaitingStopsTheRetriesAndKeepsTheFlag() {
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> FAST.call(() -> {
                throw new StoreException("down", null);
            }, e -> true, (attempt, delay, failure) -> { }))
                    .isInstanceOf(IllegalStateException.class).hasCauseInstanceOf(InterruptedException.class);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void aPolicyThatCannotRetryIsRefused() {
        assertThatThrownBy(() -> new Backoff(0, Duration.ofMillis(1), Duration.ofMillis(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(3, Duration.ZERO, Duration.ofMillis(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(3, Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
