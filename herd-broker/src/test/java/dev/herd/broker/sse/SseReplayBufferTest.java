package dev.herd.broker.sse;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseReplayBufferTest {

    @Test
    void replaysExactlyTheEventsAfterTheLastEventId() {
        SseReplayBuffer buffer = filled(4, 1, 3);
        ReplaySlice slice = buffer.since(1, 3);
        assertThat(texts(slice)).containsExactly("e2", "e3");
        assertThat(slice.truncated()).isFalse();
        buffer.release();
    }

    @Test
    void nothingToReplayWhenTheClientIsUpToDateOrAhead() {
        SseReplayBuffer buffer = filled(4, 1, 3);
        assertThat(buffer.since(3, 3)).isSameAs(ReplaySlice.NONE);
        assertThat(buffer.since(99, 3)).isSameAs(ReplaySlice.NONE);
        buffer.release();
    }

    @Test
    void evictsTheOldestWhenFullAndReportsWhatWasLost() {
        List<ByteBuf> chunks = new ArrayList<>();
        SseReplayBuffer buffer = new SseReplayBuffer(3);
        for (long id = 1; id <= 10; id++) {
            ByteBuf chunk = chunk("e" + id);
            chunks.add(chunk);
            buffer.append(id, chunk);
        }
        assertThat(chunks.subList(0, 7)).allSatisfy(c -> assertThat(c.refCnt()).isZero());
        ReplaySlice slice = buffer.since(2, 10); // wants 3..10, holds 8..10
        assertThat(texts(slice)).containsExactly("e8", "e9", "e10");
        assertThat(slice.truncated()).isTrue();
        assertThat(slice.requested()).isEqualTo(2);
        assertThat(slice.oldest()).isEqualTo(8);
        assertThat(slice.lost()).isEqualTo(5);
        buffer.release();
        assertThat(chunks).allSatisfy(c -> assertThat(c.refCnt()).isZero());
    }

    @Test
    void lastEventIdZeroAsksForEverythingFromTheFirstEvent() {
        SseReplayBuffer buffer = filled(8, 1, 5);
        ReplaySlice slice = buffer.since(0, 5);
        assertThat(texts(slice)).containsExactly("e1", "e2", "e3", "e4", "e5");
        assertThat(slice.truncated()).isFalse();
        buffer.release();
    }

    private static SseReplayBuffer filled(int capacity, long from, long to) {
        SseReplayBuffer buffer = new SseReplayBuffer(capacity);
        for (long id = from; id <= to; id++) {
            buffer.append(id, chunk("e" + id));
        }
        return buffer;
    }

    /** The slice's chunks as text, released (as writing them would). */
    private static List<String> texts(ReplaySlice slice) {
        List<String> texts = new ArrayList<>();
        for (ByteBuf chunk : slice.chunks()) {
            texts.add(chunk.toString(StandardCharsets.UTF_8));
        }
        slice.release();
        return texts;
    }

    private static ByteBuf chunk(String text) {
        return Unpooled.directBuffer().writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
