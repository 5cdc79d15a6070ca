#!/usr/bin/env python3
"""Publishes to nchan for the peers that do not publish themselves (bench/peers.sh).

Each body starts with its intended send time in epoch microseconds, then a space and padding to --size bytes, so
a subscriber's latency counts from when the message was due, not from when it went out (the open model herd uses).
Prints one line: how many messages nchan accepted, how many it refused, and the worst lateness of a send.
"""
import argparse
import http.client
import time
import urllib.parse


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True, help="nchan publisher URL, http://127.0.0.1:PORT/pub/CHANNEL")
    parser.add_argument("--rate", type=float, default=10.0, help="messages per second")
    parser.add_argument("--duration", type=float, default=30.0, help="seconds")
    parser.add_argument("--size", type=int, default=64, help="body bytes")
    args = parser.parse_args()
    url = urllib.parse.urlsplit(args.url)
    if url.hostname not in ("127.0.0.1", "localhost", "::1") and not url.hostname.startswith("127."):
        raise SystemExit("publish.py: loopback targets only, not " + url.hostname)
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=10)
    count = int(args.rate * args.duration)
    interval = 1.0 / args.rate
    start = time.time() + 0.1
    accepted = refused = 0
    worst_late = 0.0
    for i in range(count):
        due = start + i * interval
        wait = due - time.time()
        if wait > 0:
            time.sleep(wait)
        worst_late = max(worst_late, time.time() - due)
        stamp = str(int(due * 1_000_000))
        body = (stamp + " ").ljust(args.size, "x").encode()
        connection.request("POST", url.path, body=body, headers={"Content-Type": "text/plain"})
        response = connection.getresponse()
        response.read()
        if 200 <= response.status < 300:
            accepted += 1
        else:
            refused += 1
    connection.close()
    print(f"published {accepted} refused {refused} worst_late_ms {worst_late * 1000:.1f}")


if __name__ == "__main__":
    main()
