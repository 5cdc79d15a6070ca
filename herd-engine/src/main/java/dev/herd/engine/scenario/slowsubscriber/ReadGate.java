package dev.herd.engine.scenario.slowsubscriber;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;

/**
 * Lets a socket read through only when granted, so a read rate holds: with auto-read off, a decoder holding part of a
 * message (a WebSocket frame, a TLS record, an HTTP chunk size line) asks for another read at once, and those asks
 * would otherwise read a large message at full speed in small pieces. Sits first in the pipeline, next to the socket,
 * where every read request ends up. Event loop only.
 *
 * <pre>{@code
 * channel.pipeline().addFirst(ReadGate.NAME, gate);
 * gate.grant();
 * channel.read();   // one read of the channel's (small, fixed) buffer
 * }</pre>
 */
final class ReadGate extends ChannelOutboundHandlerAdapter {

    static final String NAME = "slow-read-gate";

    private boolean granted;

    /** Lets the next read request through. */
    void grant() {
        granted = true;
    }

    @Override
    public void read(ChannelHandlerContext ctx) {
        if (granted) {
            granted = false;
            ctx.read();
        }
        // Not granted: a handler asking for more of an unfinished message; the next grant reads it.
    }
}
