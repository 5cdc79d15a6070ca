// A GraphQL server for herd's integration tests: subscriptions over graphql-transport-ws, publishes by HTTP.
//   ws://127.0.0.1:PORT/graphql    graphql-transport-ws (graphql-ws's useServer on ws):
//       subscription($topic: String!) { messages(topic: $topic) }  a String per message published to $topic; a
//                                              $topic starting with "forbidden" gets an `error` message instead
//       connection_init {"token":"bad"}        refused: the socket closes with 4403 Forbidden
//       the server pings every KEEPALIVE_MS and drops a socket that did not pong within as long
//   POST http://127.0.0.1:PORT/graphql  {"query": "...", "variables": {...}}  executes it, answers 200 JSON, e.g.
//       mutation { publish(topic: "t", data: "...") }
// Usage: PORT=4000 KEEPALIVE_MS=1000 INIT_TIMEOUT_MS=3000 node server.js   (servers/start.sh graphql-ws does this)
'use strict';

const http = require('node:http');
const { buildSchema, graphql, GraphQLError } = require('graphql');
const { WebSocketServer } = require('ws');
const { useServer } = require('graphql-ws/use/ws');

const port = Number(process.env.PORT || 4000);
const keepAliveMs = Number(process.env.KEEPALIVE_MS || 12000);
const initTimeoutMs = Number(process.env.INIT_TIMEOUT_MS || 3000);
const maxBodyBytes = 1 << 20;

const schema = buildSchema(`
  type Query { ok: Boolean! }
  type Subscription { messages(topic: String!): String! }
  type Mutation { publish(topic: String!, data: String!): Boolean! }
`);

// In-memory pub/sub: topic -> the set of listeners of the subscriptions open on it.
const topics = new Map();

function publish(topic, data) {
  const listeners = topics.get(topic);
  if (listeners) for (const listener of listeners) listener(data);
}

// One async iterator per subscription: what was published waits in its queue until graphql-ws asks for it.
function subscription(topic) {
  const queue = [];
  let waiting = null;
  let finished = false;
  const listener = (data) => {
    if (waiting) {
      const resolve = waiting;
      waiting = null;
      resolve({ value: { messages: data }, done: false });
    } else {
      queue.push(data);
    }
  };
  if (!topics.has(topic)) topics.set(topic, new Set());
  topics.get(topic).add(listener);
  const finish = () => {
    finished = true;
    const listeners = topics.get(topic);
    listeners.delete(listener);
    if (listeners.size === 0) topics.delete(topic);
    if (waiting) waiting({ value: undefined, done: true });
    waiting = null;
    return Promise.resolve({ value: undefined, done: true });
  };
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    next() {
      if (queue.length > 0) return Promise.resolve({ value: { messages: queue.shift() }, done: false });
      if (finished) return Promise.resolve({ value: undefined, done: true });
      return new Promise((resolve) => {
        waiting = resolve;
      });
    },
    return: finish,
    throw: (error) => finish().then(() => Promise.reject(error)),
  };
}

const rootValue = {
  ok: () => true,
  publish: ({ topic, data }) => {
    publish(topic, data);
    return true;
  },
  messages: ({ topic }) => {
    if (topic.startsWith('forbidden')) throw new GraphQLError(`topic ${topic} is forbidden`);
    return subscription(topic);
  },
};

const server = http.createServer((req, res) => {
  if (req.method !== 'POST' || req.url.split('?')[0] !== '/graphql') {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('POST /graphql\n');
    return;
  }
  const chunks = [];
  let size = 0;
  req.on('data', (chunk) => {
    size += chunk.length;
    if (size > maxBodyBytes) {
      res.writeHead(413).end();
      req.destroy();
      return;
    }
    chunks.push(chunk);
  });
  req.on('end', async () => {
    if (res.headersSent) return;
    let body;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch (e) {
      res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: [{ message: 'the body is not JSON' }] }));
      return;
    }
    const result = await graphql({ schema, rootValue, source: String(body.query || ''), variableValues: body.variables });
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result));
  });
});

const wsServer = new WebSocketServer({ server, path: '/graphql' });
// graphql's default subscribe resolver calls rootValue.messages(args): the async iterator above.
useServer(
  {
    schema,
    roots: { subscription: rootValue },
    connectionInitWaitTimeout: initTimeoutMs,
    // A connection_init with {"token":"bad"} is refused: graphql-ws closes the socket with 4403 Forbidden.
    onConnect: (ctx) => !(ctx.connectionParams && ctx.connectionParams.token === 'bad'),
    // A forbidden topic in the variables is refused with an `error` message (graphql-ws sends the returned errors);
    // one written in the query itself gets the resolver's error as a `next` with errors, then `complete`.
    onSubscribe: (ctx, id, payload) => {
      const topic = payload.variables && payload.variables.topic;
      if (typeof topic === 'string' && topic.startsWith('forbidden')) return [new GraphQLError(`topic ${topic} is forbidden`)];
      return undefined;
    },
  },
  wsServer,
  keepAliveMs,
);

server.listen(port, '127.0.0.1', () => {
  console.log(`graphql-ws listening on 127.0.0.1:${port} (keep-alive ${keepAliveMs} ms, init timeout ${initTimeoutMs} ms)`);
});

process.on('SIGTERM', () => {
  for (const client of wsServer.clients) client.terminate();
  server.close(() => process.exit(0));
});
