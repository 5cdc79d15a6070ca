package dev.herd.engine.ws;

import dev.herd.engine.connect.FailureReason;
import dev.herd.engine.connect.ProtocolViolation;
import dev.herd.engine.receive.ReceiveBudget;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import java.util.List;

/**
 * Netty's frame decoder for what a server sends, whose cumulation (a frame read in part, up to the largest message
 * accepted) draws on the run's receive budget beyond its free allowance: a frame the budget cannot hold fails the
 * connection ({@code local_receive_budget}) instead of growing herd's memory.
 */
final class WsFrameDecoder extends WebSocket13FrameDecoder {

    private final ReceiveBudget.Share budget;

    WsFrameDecoder(boolean allowExtensions, int maxFrameBytes, ReceiveBudget.Share budget) {
        super(false, allowExtensions, maxFrameBytes, false);
        this.budget = budget;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
        super.decode(ctx, in, out);
        // What is left is a frame not yet complete; a small one costs nothing, a large one is charged until read.
        if (!budget.hold(in.readableBytes())) {
            in.skipBytes(in.readableBytes());
            throw new ProtocolViolation(FailureReason.LOCAL_RECEIVE_BUDGET,
                    "the run's receive budget cannot hold a WebSocket frame of this size");
        }
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        budget.release();
    }
}
