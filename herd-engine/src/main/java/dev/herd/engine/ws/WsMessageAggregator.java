package dev.herd.engine.ws;

import dev.herd.engine.connect.FailureReason;
import dev.herd.engine.connect.ProtocolViolation;
import dev.herd.engine.receive.ReceiveBudget;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;

/**
 * Reassembles fragmented messages (so a stamp split across fragments is still found) up to the largest message
 * accepted, drawing on the run's receive budget for a message beyond the free allowance while it is incomplete.
 * Unfragmented frames pass through untouched.
 */
final class WsMessageAggregator extends WebSocketFrameAggregator {

    static final String NAME = "ws-aggregator";

    private final ReceiveBudget.Share budget;

    WsMessageAggregator(int maxMessageBytes, ReceiveBudget.Share budget) {
        super(maxMessageBytes);
        this.budget = budget;
    }

    @Override
    protected void aggregate(WebSocketFrame aggregated, ContinuationWebSocketFrame content) {
        if (!budget.hold(aggregated.content().readableBytes())) {
            throw new ProtocolViolation(FailureReason.LOCAL_RECEIVE_BUDGET,
                    "the run's receive budget cannot hold a fragmented WebSocket message of this size");
        }
    }

    @Override
    protected void finishAggregation(WebSocketFrame aggregated) {
        budget.release();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) throws Exception {
        budget.release();
        super.handlerRemoved(ctx);
    }
}
