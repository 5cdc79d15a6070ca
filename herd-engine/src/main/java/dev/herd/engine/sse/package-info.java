/**
 * Server-Sent Events on the receive path: an event-stream parser that works on Netty {@code ByteBuf}s.
 *
 * <p>Implements the WHATWG HTML standard, "Server-sent events", sections "Parsing an event stream" and
 * "Interpreting an event stream":
 * <a href="https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation">
 * html.spec.whatwg.org/multipage/server-sent-events.html</a>.
 */
package dev.herd.engine.sse;
