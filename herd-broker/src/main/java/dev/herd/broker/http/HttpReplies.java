package dev.herd.broker.http;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;

/**
 * The target's small HTTP responses: one line of text for errors, JSON for results. Bodies are unpooled
 * wrappers of byte arrays: cheap, and nothing to leak if a response is dropped.
 */
public final class HttpReplies {

    private HttpReplies() {
    }

    /** {@code status} with a one-line {@code text/plain} reason. */
    public static FullHttpResponse text(HttpResponseStatus status, String line) {
        return body(status, line + "\n", "text/plain; charset=utf-8");
    }

    /** {@code status} with a JSON body. */
    public static FullHttpResponse json(HttpResponseStatus status, String json) {
        return body(status, json, HttpHeaderValues.APPLICATION_JSON.toString());
    }

    /** 405 naming the allowed method. */
    public static FullHttpResponse methodNotAllowed(HttpMethod allowed, HttpMethod actual) {
        FullHttpResponse response = text(HttpResponseStatus.METHOD_NOT_ALLOWED,
                "method " + actual + " not allowed here, use " + allowed);
        response.headers().set(HttpHeaderNames.ALLOW, allowed.name());
        return response;
    }

    /** 404 for a path the target does not serve. */
    public static FullHttpResponse notFound(String path) {
        return text(HttpResponseStatus.NOT_FOUND, "no such endpoint or topic: " + path);
    }

    /** Escapes a string for a JSON string literal. */
    public static String jsonString(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private static FullHttpResponse body(HttpResponseStatus status, String body, String contentType) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        FullHttpResponse response =
                new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(bytes));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, contentType)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
        return response;
    }
}
