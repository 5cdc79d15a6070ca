// What the servers' smoke.js scripts share: a WebSocket client whose messages are awaited one at a time, with a
// deadline on every wait and on the whole script. Node 20's own WebSocket (run with --experimental-websocket), so
// the smoke tests need no package and do not depend on herd.
'use strict';

const WHOLE_SCRIPT_MS = 30000;

const overall = setTimeout(() => fail(`did not finish within ${WHOLE_SCRIPT_MS} ms`), WHOLE_SCRIPT_MS);

function fail(why) {
  console.error(`FAIL ${why}`);
  process.exit(1);
}

function check(condition, what) {
  if (!condition) fail(what);
  console.log(`ok   ${what}`);
}

function passed(name) {
  clearTimeout(overall);
  console.log(`${name}: smoke test passed`);
  process.exit(0);
}

/**
 * A connected WebSocket whose messages (strings or Buffers) are taken in order with next(). keepAlive(data, send),
 * when given, sees each message first: it answers pings with send(reply) and returns true for what is not to be kept.
 */
async function connect(url, protocols, keepAlive) {
  const ws = new WebSocket(url, protocols);
  ws.binaryType = 'arraybuffer';
  const inbox = [];
  const waiters = [];
  let closeEvent = null;
  const closeWaiters = [];
  ws.addEventListener('message', (e) => {
    const data = typeof e.data === 'string' ? e.data : Buffer.from(e.data);
    if (keepAlive && keepAlive(data, (reply) => ws.send(reply))) return;
    if (waiters.length > 0) waiters.shift().resolve(data);
    else inbox.push(data);
  });
  ws.addEventListener('close', (e) => {
    closeEvent = { code: e.code, reason: e.reason };
    for (const w of waiters.splice(0)) w.reject(new Error(`closed (${e.code} ${e.reason})`));
    for (const w of closeWaiters.splice(0)) w(closeEvent);
  });
  await new Promise((resolve, reject) => {
    ws.addEventListener('open', resolve, { once: true });
    ws.addEventListener('error', () => reject(new Error(`cannot connect to ${url}`)), { once: true });
  });
  return {
    ws,
    protocol: ws.protocol,
    send: (data) => ws.send(data),
    close: () => ws.close(),
    /** The next message, or a rejection after timeoutMs or when the socket closes first. */
    next(timeoutMs = 5000) {
      if (inbox.length > 0) return Promise.resolve(inbox.shift());
      if (closeEvent) return Promise.reject(new Error(`closed (${closeEvent.code} ${closeEvent.reason})`));
      return new Promise((resolve, reject) => {
        const w = {
          resolve: (v) => { clearTimeout(t); resolve(v); },
          reject: (e) => { clearTimeout(t); reject(e); },
        };
        const t = setTimeout(() => {
          waiters.splice(waiters.indexOf(w), 1);
          reject(new Error(`no message within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.push(w);
      });
    },
    /** The close event ({code, reason}), or null when the socket is still open after timeoutMs. */
    closed(timeoutMs) {
      if (closeEvent) return Promise.resolve(closeEvent);
      return new Promise((resolve) => {
        const t = setTimeout(() => resolve(null), timeoutMs);
        closeWaiters.push((e) => { clearTimeout(t); resolve(e); });
      });
    },
  };
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

module.exports = { connect, check, fail, passed, sleep };
