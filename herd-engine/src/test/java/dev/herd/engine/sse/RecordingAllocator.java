package dev.herd.engine.sse;

import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledDirectByteBuf;
import io.netty.buffer.UnpooledHeapByteBuf;

import java.util.ArrayList;
import java.util.List;

/**
 * Test allocator that remembers every buffer it hands out, so a test can check they were all released (the SSE parser's
 * tests, and the protocol stages' fuzz target through a channel's config).
 */
public final class RecordingAllocator extends AbstractByteBufAllocator {

    public final List<ByteBuf> allocated = new ArrayList<>();

    public RecordingAllocator() {
        super(true);
    }

    public boolean allReleased() {
        return allocated.stream().allMatch(buf -> buf.refCnt() == 0);
    }

    @Override
    protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
        ByteBuf buf = new UnpooledHeapByteBuf(this, initialCapacity, maxCapacity);
        allocated.add(buf);
        return buf;
    }

    @Override
    protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
        ByteBuf buf = new UnpooledDirectByteBuf(this, initialCapacity, maxCapacity);
        allocated.add(buf);
        return buf;
    }

    @Override
    public boolean isDirectBufferPooled() {
        return false;
    }
}
