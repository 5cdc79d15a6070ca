package dev.herd.engine.receive;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReceiveBudgetTest {

    private static final int FREE = ReceiveBudget.FREE_BYTES_PER_BUFFER;

    @Test
    void aBufferWithinItsAllowanceDrawsNothing() {
        ReceiveBudget budget = new ReceiveBudget(0);
        ReceiveBudget.Share share = budget.share();
        assertThat(share.hold(FREE)).isTrue();
        assertThat(budget.drawnBytes()).isZero();
        assertThat(budget.refusals()).isZero();
    }

    @Test
    void aBufferBeyondItsAllowanceDrawsTheExcessAndGivesItBackWhenItShrinks() {
        ReceiveBudget budget = new ReceiveBudget(1000);
        ReceiveBudget.Share share = budget.share();
        assertThat(share.hold(FREE + 600)).isTrue();
        assertThat(budget.drawnBytes()).isEqualTo(600);
        assertThat(share.hold(FREE + 100)).isTrue();
        assertThat(budget.drawnBytes()).isEqualTo(100);
        assertThat(share.hold(10)).isTrue();
        assertThat(budget.drawnBytes()).isZero();
        assertThat(budget.peakDrawnBytes()).isEqualTo(600);
    }

    @Test
    void aGrowthTheBudgetCannotCoverIsRefusedAndDrawsNothingMore() {
        ReceiveBudget budget = new ReceiveBudget(1000);
        ReceiveBudget.Share first = budget.share();
        ReceiveBudget.Share second = budget.share();
        assertThat(first.hold(FREE + 700)).isTrue();
        assertThat(second.hold(FREE + 301)).isFalse();
        assertThat(budget.drawnBytes()).isEqualTo(700);
        assertThat(second.hold(FREE + 300)).isTrue();
        assertThat(budget.drawnBytes()).isEqualTo(1000);
        assertThat(budget.refusals()).isOne();
    }

    @Test
    void aRefusedShareKeepsWhatItHadDrawnUntilReleased() {
        ReceiveBudget budget = new ReceiveBudget(1000);
        ReceiveBudget.Share share = budget.share();
        assertThat(share.hold(FREE + 400)).isTrue();
        assertThat(share.hold(FREE + 2000)).isFalse();
        assertThat(budget.drawnBytes()).isEqualTo(400);
        share.release();
        share.release();
        assertThat(budget.drawnBytes()).isZero();
    }

    @Test
    void releasedSharesLeaveTheWholeBudgetForOthers() {
        ReceiveBudget budget = new ReceiveBudget(1000);
        for (int i = 0; i < 100; i++) {
            ReceiveBudget.Share share = budget.share();
            assertThat(share.hold(FREE + 1000)).as("share %d", i).isTrue();
            share.release();
        }
        assertThat(budget.drawnBytes()).isZero();
        assertThat(budget.refusals()).isZero();
    }
}
