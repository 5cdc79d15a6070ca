/**
 * WebSocket subscribers (RFC 6455, version 13): the opening handshake, the frame pipeline built on Netty's
 * codec, publishing the client's messages, and the once-per-topic frame encoding.
 */
package dev.herd.broker.ws;
