// Checks by hand what herd's tests rely on in the websocketd line server started by servers/start.sh: SUB/PUB and
// their OK, a line published after OK reaches the subscriber (one published before does not), PING every second, a
// connection that answers no PONG is closed, and a forbidden topic gets ERR forbidden and a close.
// Usage: node --experimental-websocket --no-warnings servers/websocketd/smoke.js PORT
'use strict';

const { connect, check, fail, passed, sleep } = require('../smoke-lib.js');

const url = `ws://127.0.0.1:${process.argv[2] || 8081}/`;

async function client(first, answerPings = true) {
  const c = await connect(url, undefined, (line, send) => {
    if (line !== 'PING') return false;
    if (answerPings) send('PONG');
    return true;
  });
  c.send(first);
  return c;
}

(async () => {
  const pub = await client('PUB smoke-a');
  check((await pub.next()) === 'OK', 'PUB smoke-a: OK');
  pub.send('before the subscriber');
  await sleep(200);
  const sub = await client('SUB smoke-a');
  check((await sub.next()) === 'OK smoke-a', 'SUB smoke-a: OK smoke-a');
  for (let i = 0; i < 100; i++) pub.send(`line ${i} ${'x'.repeat(i * 37)}`);
  let whole = true;
  for (let i = 0; i < 100; i++) whole = whole && (await sub.next()) === `line ${i} ${'x'.repeat(i * 37)}`;
  check(whole, '100 lines (up to 3.7 KB) published after OK reach the subscriber whole and in order; none from before');

  const refused = await client('SUB forbidden-0');
  check((await refused.next()) === 'ERR forbidden', 'SUB forbidden-0: ERR forbidden');
  check((await refused.closed(2000)) !== null, '... and the connection is closed');

  const deaf = await client('SUB smoke-a', false);
  check((await deaf.next()) === 'OK smoke-a', 'a subscriber that will answer no PING: OK smoke-a');
  const dropped = await deaf.closed(4500);
  check(dropped !== null, 'a connection that answers no PING is closed within 4.5 s');
  check((await sub.closed(100)) === null && (await pub.closed(100)) === null, 'the connections that answer PONG stay');
  pub.send('still here');
  check((await sub.next()) === 'still here', '... and still relay');
  sub.close();
  pub.close();
  await sleep(300);
  passed('websocketd');
})().catch((e) => fail(e.message));
