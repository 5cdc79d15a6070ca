package dev.herd.engine.scenario.slowsubscriber;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.util.UncheckedBooleanSupplier;

/**
 * How a slow subscriber's connections size their socket reads: as Netty's adaptive default, except that while a
 * limit is set each read takes at most that many bytes. It is given to a session before it connects because a
 * channel creates its read handle once, at its first read; an allocator swapped in later would never be used.
 * One per session; the limit is changed on the session's event loop.
 *
 * <pre>{@code
 * ReadLimit limit = new ReadLimit();
 * session.recvByteBufAllocator(limit);   // before start()
 * limit.limitBytes(102);                 // on the loop: reads of at most 102 bytes
 * limit.limitBytes(0);                   // back to adaptive
 * }</pre>
 */
final class ReadLimit implements RecvByteBufAllocator {

    private final AdaptiveRecvByteBufAllocator adaptive = new AdaptiveRecvByteBufAllocator();
    private int limitBytes;

    /** At most {@code bytes} per read from now on; 0 lifts the limit. Event loop only. */
    void limitBytes(int bytes) {
        this.limitBytes = bytes;
    }

    @Override
    @SuppressWarnings("deprecation") // the interface's own return type; Netty 4.2 has no other way to shape reads
    public Handle newHandle() {
        return new LimitedHandle((ExtendedHandle) adaptive.newHandle());
    }

    /** The adaptive handle, with its buffers cut to the limit while one is set. */
    private final class LimitedHandle extends DelegatingHandle implements ExtendedHandle {

        private final ExtendedHandle adaptiveHandle;

        LimitedHandle(ExtendedHandle adaptiveHandle) {
            super(adaptiveHandle);
            this.adaptiveHandle = adaptiveHandle;
        }

        @Override
        public ByteBuf allocate(ByteBufAllocator alloc) {
            int limit = limitBytes;
            return limit > 0 ? alloc.ioBuffer(limit, limit) : super.allocate(alloc);
        }

        @Override
        public int guess() {
            int limit = limitBytes;
            return limit > 0 ? limit : super.guess();
        }

        @Override
        public boolean continueReading(UncheckedBooleanSupplier maybeMoreDataSupplier) {
            return adaptiveHandle.continueReading(maybeMoreDataSupplier);
        }
    }
}
