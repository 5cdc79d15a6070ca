// Checks by hand what herd's tests rely on in the mosquitto started by servers/start.sh, with MQTT 3.1.1 packets
// written here (no MQTT library): a publish reaches a subscriber, a forbidden topic gets SUBACK 0x80, a wrong
// password gets CONNACK 5, and a client silent past 1.5 x its keep-alive is dropped while one that pings stays.
// Usage: node --experimental-websocket --no-warnings servers/mosquitto/smoke.js PORT
'use strict';

const { connect, check, fail, passed, sleep } = require('../smoke-lib.js');

const url = `ws://127.0.0.1:${process.argv[2] || 9001}`;

const str = (s) => {
  const b = Buffer.from(s, 'utf8');
  return Buffer.concat([Buffer.from([b.length >> 8, b.length & 255]), b]);
};

function packet(type, body) {
  const length = [];
  let n = body.length;
  do {
    let digit = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) digit |= 128;
    length.push(digit);
  } while (n > 0);
  return Buffer.concat([Buffer.from([type, ...length]), body]);
}

function connectPacket(clientId, keepAliveSeconds, user, password) {
  let flags = 0x02;
  const payload = [str(clientId)];
  if (user !== undefined) { flags |= 0x80; payload.push(str(user)); }
  if (password !== undefined) { flags |= 0x40; payload.push(str(password)); }
  const header = Buffer.concat([str('MQTT'), Buffer.from([4, flags, keepAliveSeconds >> 8, keepAliveSeconds & 255])]);
  return packet(0x10, Buffer.concat([header, ...payload]));
}

const subscribePacket = (id, topic) => packet(0x82, Buffer.concat([Buffer.from([id >> 8, id & 255]), str(topic), Buffer.from([0])]));
const publishPacket = (topic, text) => packet(0x30, Buffer.concat([str(topic), Buffer.from(text, 'utf8')]));
const PINGREQ = Buffer.from([0xc0, 0]);

async function client(clientId, keepAliveSeconds, user, password) {
  const c = await connect(url, ['mqtt']);
  c.send(connectPacket(clientId, keepAliveSeconds, user, password));
  const connack = await c.next();
  check(connack[0] === 0x20, `${clientId}: CONNACK`);
  c.returnCode = connack[3];
  return c;
}

(async () => {
  const sub = await client('smoke-sub', 30);
  check(sub.protocol === 'mqtt', 'the server agrees to the mqtt subprotocol');
  check(sub.returnCode === 0, 'an anonymous client is accepted');
  sub.send(subscribePacket(1, 'smoke/a'));
  const suback = await sub.next();
  check(suback[0] === 0x90 && suback[4] === 0, 'SUBSCRIBE smoke/a: SUBACK granted QoS 0');

  const pub = await client('smoke-pub', 30, 'herd', 'secret');
  check(pub.returnCode === 0, 'herd/secret is accepted');
  pub.send(publishPacket('smoke/a', 'hello'));
  const message = await sub.next();
  check(message[0] === 0x30 && message.subarray(2 + 2 + 'smoke/a'.length).toString() === 'hello',
    'a PUBLISH to smoke/a reaches its subscriber');

  sub.send(subscribePacket(2, 'forbidden/x'));
  const refused = await sub.next();
  check(refused[0] === 0x90 && refused[4] === 0x80, 'SUBSCRIBE forbidden/x: SUBACK 0x80 (failure)');

  const wrong = await client('smoke-wrong', 30, 'herd', 'wrong');
  check(wrong.returnCode === 5, 'a wrong password: CONNACK 5 (not authorized)');
  check((await wrong.closed(2000)) !== null, '... and the connection is closed');

  const silent = await client('smoke-silent', 1);
  const pinging = await client('smoke-pinging', 1);
  const pings = setInterval(() => pinging.send(PINGREQ), 500);
  // mosquitto checks keep-alives about once a second or two: the drop comes 1.5 s to about 4 s after the last packet.
  check((await silent.closed(6000)) !== null, 'keep-alive 1 s, silent: dropped within 6 s');
  check((await pinging.closed(500)) === null, 'keep-alive 1 s, PINGREQ every 500 ms: still open');
  clearInterval(pings);
  for (const c of [sub, pub, pinging]) c.close();
  await sleep(100);
  passed('mosquitto');
})().catch((e) => fail(e.message));
