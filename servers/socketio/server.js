// A Socket.IO 4 server for herd's integration tests: rooms as topics.
//   subscribe(topic, ack?)   joins the room `topic` and acks `true`; a topic starting with "forbidden" is refused:
//                            the socket is disconnected (a namespace DISCONNECT, `41`, then the transport closes)
//                            and no ack is sent.
//   publish({topic, data})   emits ("message", data) to every socket in the room `topic`.
// Usage: PORT=3000 PING_INTERVAL_MS=1000 PING_TIMEOUT_MS=2000 node server.js   (servers/start.sh socketio does this)
'use strict';

const http = require('node:http');
const { Server } = require('socket.io');

const port = Number(process.env.PORT || 3000);
const server = http.createServer((req, res) => {
  res.writeHead(404).end();
});

const io = new Server(server, {
  // Short on purpose: a test run longer than them proves the client answers the server's pings.
  pingInterval: Number(process.env.PING_INTERVAL_MS || 25000),
  pingTimeout: Number(process.env.PING_TIMEOUT_MS || 20000),
  // herd speaks WebSocket from the first request; no long-polling, no CORS to configure.
  transports: ['websocket'],
  serveClient: false,
});

io.on('connection', (socket) => {
  socket.on('subscribe', (topic, ack) => {
    if (typeof topic !== 'string' || topic.startsWith('forbidden')) {
      socket.disconnect(true);
      return;
    }
    socket.join(topic);
    if (typeof ack === 'function') ack(true);
  });
  socket.on('publish', (message) => {
    if (message && typeof message.topic === 'string') {
      io.to(message.topic).emit('message', message.data);
    }
  });
});

server.listen(port, '127.0.0.1', () => {
  console.log(`socketio listening on 127.0.0.1:${port} (ping ${io.engine.opts.pingInterval}/${io.engine.opts.pingTimeout} ms)`);
});

// start/stop.sh end the process group with SIGTERM: close the sockets and leave.
process.on('SIGTERM', () => io.close(() => process.exit(0)));
