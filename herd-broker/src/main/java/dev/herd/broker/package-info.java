/**
 * herd's reference target: a Netty pub/sub broker with WebSocket and SSE subscribers, HTTP and WebSocket
 * publishing, slow-subscriber policies and fault injection, used by herd's tests and demo.
 *
 * <pre>{@code
 * try (TargetServer server = TargetServer.start(TargetConfig.builder().port(0).build())) {
 *     int port = server.localAddress().getPort();
 *     ...
 * }
 * }</pre>
 *
 * <p>Layout (after Netty's WebSocket server example): {@link dev.herd.broker.TargetServer} bootstraps,
 * {@code TargetInitializer} builds pipelines, and the sub-packages hold one concern each: {@code connection},
 * {@code broker}, {@code ws}, {@code sse}, {@code http}, {@code fault}. See {@code docs/target.md}.
 */
package dev.herd.broker;
