package dev.herd.broker.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;

/**
 * Aggregates request bodies up to {@code maxPublishBytes}. Netty's aggregator answers an oversized request
 * with its own 413 straight away, which could overtake responses still owed to earlier pipelined requests;
 * this one hands the case to the {@link RequestRouter} instead, which answers 413 in order and closes.
 */
public final class PublishBodyAggregator extends HttpObjectAggregator {

    public PublishBodyAggregator(int maxPublishBytes) {
        super(maxPublishBytes);
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) throws Exception {
        if (oversized instanceof HttpRequest) {
            ctx.fireUserEventTriggered(RequestTooLargeEvent.INSTANCE);
        } else {
            super.handleOversizedMessage(ctx, oversized);
        }
    }
}
