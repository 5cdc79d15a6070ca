package dev.herd.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The drain's end, with the publisher's loop played by the suppliers: the last publish request's answer may land
 * between any two of the condition's reads, and wherever it lands the drain must not end while a delivery of that
 * message is still missing.
 */
class DrainConditionTest {

    private static final long SUBSCRIBERS_PER_TOPIC = 20;
    private static final long PUBLISHED = 200;

    /** The ledger and counters as the control thread sees them, the last answer landing after read number k. */
    private static final class Publisher {
        final int answerAfterRead;
        int reads;
        int inFlight = 1;
        long accepted = PUBLISHED - 1;
        long received = (PUBLISHED - 1) * SUBSCRIBERS_PER_TOPIC;

        Publisher(int answerAfterRead) {
            this.answerAfterRead = answerAfterRead;
        }

        private <T> T read(T value) {
            if (++reads == answerAfterRead) {
                answer();
            }
            return value;
        }

        void answer() {
            if (inFlight == 1) {
                inFlight = 0;
                accepted++;
            }
        }

        DrainCondition condition() {
            return new DrainCondition(() -> read(inFlight), () -> read(received),
                    () -> read(accepted * SUBSCRIBERS_PER_TOPIC));
        }
    }

    @Test
    void whereverTheLastAnswerLandsTheDrainWaitsForItsDeliveries() {
        // 0: before the first look; 1-5: after that many of its reads (there are at most five).
        for (int k = 0; k <= 5; k++) {
            Publisher p = new Publisher(k);
            DrainCondition drained = p.condition();
            if (k == 0) {
                p.answer();
            }

            assertThat(drained.getAsBoolean()).as("answer after read %d: first look", k).isFalse();
            p.answer(); // had the look ended before read k, the answer lands between the looks
            assertThat(drained.getAsBoolean()).as("answer after read %d: second look", k).isFalse();
            p.received += SUBSCRIBERS_PER_TOPIC - 1;
            assertThat(drained.getAsBoolean()).as("answer after read %d: one delivery missing", k).isFalse();
            p.received++;
            assertThat(drained.getAsBoolean()).as("answer after read %d: every delivery in", k).isTrue();
        }
    }

    @Test
    void withNothingInFlightItEndsOnceEveryExpectedDeliveryArrived() {
        Publisher p = new Publisher(-1);
        p.inFlight = 0;
        DrainCondition drained = p.condition();

        assertThat(drained.getAsBoolean()).isTrue();
        p.accepted++;
        assertThat(drained.getAsBoolean()).isFalse();
        p.received += SUBSCRIBERS_PER_TOPIC;
        assertThat(drained.getAsBoolean()).isTrue();
    }

    @Test
    void aRequestInFlightKeepsItGoingEvenWithEveryDeliveryIn() {
        Publisher p = new Publisher(-1);

        assertThat(p.condition().getAsBoolean()).isFalse();
    }
}
