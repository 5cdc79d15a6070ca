/**
 * Socket.IO 5 over Engine.IO 4, WebSocket transport ({@code --protocol socketio}): {@link
 * dev.herd.engine.protocol.socketio.SocketIoProtocol} completes the URL, connects the namespace, emits the subscribe
 * and publish events, answers the server's pings and watches for their silence. Packets are read in place, several
 * per message when the server batches them. See <a href="https://socket.io/docs/v4/socket-io-protocol/">the
 * Socket.IO protocol</a>.
 */
package dev.herd.engine.protocol.socketio;
