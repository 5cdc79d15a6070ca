package dev.herd.engine.ws;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder;

/**
 * Netty's RFC 6455 frame encoder as a client uses it (every frame masked, §5.3), one instance for every channel of the
 * process: its only state, the mask generator, is fixed and safe on any thread, so a connection need not carry an
 * encoder of its own.
 */
@Sharable
final class MaskingFrameEncoder extends WebSocket13FrameEncoder {

    static final MaskingFrameEncoder INSTANCE = new MaskingFrameEncoder();

    private MaskingFrameEncoder() {
        super(true);
    }
}
