/**
 * Protocols spoken over a WebSocket once it is open (DESIGN.md, "Protocols over WebSocket"): a {@link
 * dev.herd.engine.protocol.WireProtocol} subscribes each connection to its topic, keeps it alive, hands the payload
 * of every data message to the stamp scan, and wraps what a publisher sends. Each runs as a pipeline stage of its own
 * after the WebSocket handler, one package per protocol.
 */
package dev.herd.engine.protocol;
