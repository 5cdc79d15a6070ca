package dev.herd.broker.http;

import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import java.util.function.Consumer;

/**
 * One request's place in its connection's response order. Handlers answer through it, from any thread;
 * responses leave in request order however late each one is ready, which is what HTTP/1.1 pipelining needs
 * when publishes are answered from other event loops.
 */
public final class Exchange {

    final boolean keepAlive;
    final HttpVersion version;
    private final PipelinedResponses responses;
    FullHttpResponse response;
    boolean closeAfter;
    Runnable afterWrite;
    /** For subscribe requests: run once this exchange is first in line (no response is owed before it). */
    Consumer<Exchange> onHead;

    Exchange(PipelinedResponses responses, HttpVersion version, boolean keepAlive, Consumer<Exchange> onHead) {
        this.responses = responses;
        this.version = version;
        this.keepAlive = keepAlive;
        this.onHead = onHead;
    }

    /** Answers; the connection stays open if the request allowed it. */
    public void respond(FullHttpResponse response) {
        responses.complete(this, response, false, null);
    }

    /** Answers, then closes the connection. */
    public void respondAndClose(FullHttpResponse response) {
        responses.complete(this, response, true, null);
    }

    /** Answers, and runs {@code afterWrite} on the connection's loop once the response is written. */
    public void respond(FullHttpResponse response, Runnable afterWrite) {
        responses.complete(this, response, false, afterWrite);
    }

    /**
     * The connection stops being HTTP (it became a WebSocket or an SSE stream); call on its loop, after the
     * switching response head was written. Responses queued behind this one are dropped.
     */
    public void takeOver() {
        responses.takeOver(this);
    }
}
