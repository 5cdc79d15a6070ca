// Artillery's side of the broadcast (bench/peers.sh): counts every message a subscriber receives and records its
// latency in Artillery's own metrics. publish.py starts each body with its intended send time in epoch
// microseconds, so the latency counts from when the message was due.
'use strict';

function countDeliveries(context, events, done) {
  context.ws.on('message', (data) => {
    const sentMicros = parseInt(data.toString('latin1', 0, 20), 10);
    if (Number.isNaN(sentMicros)) {
      return;
    }
    events.emit('counter', 'nchan.received', 1);
    events.emit('histogram', 'nchan.latency_ms', Math.max(0, Date.now() - sentMicros / 1000));
  });
  done();
}

module.exports = { countDeliveries };
