/**
 * Server-Sent Events subscribers (WHATWG HTML, "Server-sent events"): events encoded once per topic as raw
 * HTTP chunks, the per-topic replay buffer behind {@code Last-Event-ID}, heartbeats.
 */
package dev.herd.broker.sse;
