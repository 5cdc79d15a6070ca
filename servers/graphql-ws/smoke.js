// Checks by hand what herd's tests rely on in the GraphQL app started by servers/start.sh, with graphql-transport-ws
// messages written here (no GraphQL client): a subscription gets what an HTTP mutation publishes, a forbidden topic
// ends in an error, a bad token closes 4403, and a socket that answers no WebSocket ping is dropped.
// Usage: node --experimental-websocket --no-warnings servers/graphql-ws/smoke.js PORT
'use strict';

const WsClient = require('ws');
const { connect, check, fail, passed } = require('../smoke-lib.js');

const port = process.argv[2] || 4000;
const url = `ws://127.0.0.1:${port}/graphql`;
const SUBSCRIPTION = 'subscription($topic:String!){messages(topic:$topic)}';

async function client(payload) {
  const c = await connect(url, ['graphql-transport-ws']);
  c.send(JSON.stringify({ type: 'connection_init', payload }));
  return c;
}

async function publish(topic, data) {
  const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: 'mutation($t:String!,$d:String!){publish(topic:$t,data:$d)}', variables: { t: topic, d: data } }),
    signal: AbortSignal.timeout(5000),
  });
  return { status: response.status, body: await response.json() };
}

(async () => {
  const sub = await client({});
  check(sub.protocol === 'graphql-transport-ws', 'the server agrees to graphql-transport-ws');
  check(JSON.parse(await sub.next()).type === 'connection_ack', 'connection_init: connection_ack');
  sub.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: SUBSCRIPTION, variables: { topic: 'smoke-a' } } }));
  const published = await publish('smoke-a', 'hello');
  check(published.status === 200 && published.body.data.publish === true, 'POST /graphql publish: 200 {"data":{"publish":true}}');
  const next = JSON.parse(await sub.next());
  check(next.id === '1' && next.type === 'next' && next.payload.data.messages === 'hello', 'the subscription gets it: next');

  sub.send(JSON.stringify({ id: '2', type: 'subscribe', payload: { query: SUBSCRIPTION, variables: { topic: 'forbidden-0' } } }));
  const error = JSON.parse(await sub.next());
  check(error.id === '2' && error.type === 'error', `subscribe to forbidden-0: error ${JSON.stringify(error.payload)}`);

  const bad = await client({ token: 'bad' });
  const closed = await bad.closed(3000);
  check(closed !== null && closed.code === 4403, `connection_init {"token":"bad"}: closed ${closed && closed.code}`);

  const silent = await connect(url, ['graphql-transport-ws']);
  const idle = await silent.closed(5000);
  check(idle !== null && idle.code === 4408, `no connection_init: closed ${idle && idle.code} within 5 s`);

  // Node's own WebSocket always answers pings; ws can be told not to.
  const deaf = new WsClient(url, 'graphql-transport-ws', { autoPong: false });
  const deafClosed = new Promise((resolve) => deaf.on('close', resolve));
  deaf.on('open', () => deaf.send(JSON.stringify({ type: 'connection_init' })));
  const dropped = await Promise.race([deafClosed.then(() => true), new Promise((r) => setTimeout(() => r(false), 2500))]);
  check(dropped, 'a socket that answers no WebSocket ping is dropped within 2.5 s');
  check((await sub.closed(100)) === null, 'the socket that answers pings is still open');
  await publish('smoke-a', 'still here');
  check(JSON.parse(await sub.next()).payload.data.messages === 'still here', '... and still receives');
  sub.close();
  passed('graphql-ws');
})().catch((e) => fail(e.message));
