/**
 * Accepting connections and accounting for them: admission against {@code maxConnections}, their kind
 * (WebSocket, SSE, plain HTTP), why they closed, and the listening socket that restarts close and reopen.
 */
package dev.herd.broker.connection;
