package dev.herd.broker.http;

import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;

/** Fired by {@link PublishBodyAggregator} for a request body over {@code maxPublishBytes}: answered 413, in order. */
final class RequestTooLargeEvent {

    static final RequestTooLargeEvent INSTANCE = new RequestTooLargeEvent();

    /** Stands in for the oversized request in the response queue: the 413 closes the connection anyway. */
    static final HttpRequest HEAD_ONLY = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/");

    private RequestTooLargeEvent() {
    }
}
