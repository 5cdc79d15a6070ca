package dev.herd.engine.protocol;

import io.netty.buffer.ByteBuf;

/** The values of a {@link FrameTemplate}'s placeholders, written straight into the frame being built. */
@FunctionalInterface
public interface FrameValues {

    /** Writes the value of the placeholder {@code name} at {@code out}'s writer index. */
    void write(String name, ByteBuf out);
}
