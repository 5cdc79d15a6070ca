/**
 * STOMP over WebSocket ({@code --protocol stomp}): {@link dev.herd.engine.protocol.stomp.StompProtocol} and the stage,
 * reader and writer it is made of. Frames are read in place in each WebSocket message; see
 * <a href="https://stomp.github.io/stomp-specification-1.2.html">STOMP 1.2</a>.
 */
package dev.herd.engine.protocol.stomp;
