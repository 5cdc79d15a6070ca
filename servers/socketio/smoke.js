// Checks by hand what herd's tests rely on in the Socket.IO app started by servers/start.sh, with Engine.IO 4 /
// Socket.IO 5 packets written here (no socket.io-client): subscribe is acked, a publish reaches the room, a
// forbidden topic disconnects, and a client that stops answering pings is dropped while one that answers stays.
// Usage: node --experimental-websocket --no-warnings servers/socketio/smoke.js PORT
'use strict';

const { connect, check, fail, passed } = require('../smoke-lib.js');

const url = `ws://127.0.0.1:${process.argv[2] || 3000}/socket.io/?EIO=4&transport=websocket`;

// A Socket.IO client on the main namespace; answers the server's pings (packet 2 with 3) unless told not to.
async function client(answerPings = true) {
  const c = await connect(url, undefined, (packet, send) => {
    if (packet !== '2') return false;
    if (answerPings) send('3');
    return true;
  });
  const open = await c.next();
  check(open.startsWith('0{'), `Engine.IO open: ${open}`);
  c.handshake = JSON.parse(open.substring(1));
  c.send('40');
  check((await c.next()).startsWith('40{'), 'namespace / connected');
  return c;
}

(async () => {
  const sub = await client();
  check(sub.handshake.pingInterval === 1000 && sub.handshake.pingTimeout === 2000, 'ping interval 1 s, timeout 2 s');
  sub.send('421["subscribe","smoke-a"]');
  check((await sub.next()) === '431[true]', 'subscribe smoke-a: acked [true]');

  const pub = await client();
  pub.send('42["publish",{"topic":"smoke-a","data":"hello"}]');
  check((await sub.next()) === '42["message","hello"]', 'a publish to smoke-a reaches its subscriber');

  const refused = await client();
  refused.send('422["subscribe","forbidden-0"]');
  check((await refused.next()) === '41', 'subscribe forbidden-0: the namespace is disconnected (41), no ack');
  check((await refused.closed(2000)) !== null, '... and the connection is closed');

  const deaf = await client(false);
  check((await deaf.closed(5000)) !== null, 'a client that answers no ping is dropped within 5 s');
  check((await sub.closed(100)) === null, 'the client that answers pings is still connected');
  pub.send('42["publish",{"topic":"smoke-a","data":"still here"}]');
  check((await sub.next()) === '42["message","still here"]', '... and still receives');
  sub.close();
  pub.close();
  passed('socketio');
})().catch((e) => fail(e.message));
