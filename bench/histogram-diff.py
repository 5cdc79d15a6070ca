#!/usr/bin/env python3
"""Live heap per connection by class, from two `jcmd PID GC.class_histogram` outputs (idle and holding N connections).

    histogram-diff.py IDLE HOLD N [TOP]
        the TOP classes (default 15) that grew most, in bytes and instances per connection, and the total
    histogram-diff.py --versus IDLE_A HOLD_A N_A IDLE_B HOLD_B N_B [MIN_BYTES]
        B's bytes per connection minus A's, by class, where they differ by MIN_BYTES (default 8) or more

bench/protocol-rss.sh uses both: what one connection holds, and what a protocol connection holds beyond a raw one.
"""
import re
import sys

LINE = re.compile(r'^\s*\d+:\s+(\d+)\s+(\d+)\s+(\S+)')
# A lambda's class name ends in a number and an address that differ from one JVM to the next.
LAMBDA = re.compile(r'\$\$Lambda\$\d+/0x[0-9a-f]+')


def read(path):
    classes = {}
    with open(path) as f:
        for line in f:
            m = LINE.match(line)
            if m:
                name = LAMBDA.sub('$$Lambda', m[3])
                count, size = classes.get(name, (0, 0))
                classes[name] = (count + int(m[1]), size + int(m[2]))
    return classes


def per_connection(idle_path, hold_path, n):
    idle, hold = read(idle_path), read(hold_path)
    n = max(float(n), 1.0)
    grown = {}
    for name in set(idle) | set(hold):
        i = idle.get(name, (0, 0))
        h = hold.get(name, (0, 0))
        grown[name] = ((h[0] - i[0]) / n, (h[1] - i[1]) / n)
    return grown


def main(args):
    if args and args[0] == '--versus':
        a = per_connection(args[1], args[2], args[3])
        b = per_connection(args[4], args[5], args[6])
        floor = float(args[7]) if len(args) > 7 else 8.0
        rows = []
        for name in set(a) | set(b):
            da = a.get(name, (0.0, 0.0))
            db = b.get(name, (0.0, 0.0))
            rows.append((db[1] - da[1], db[0] - da[0], da[1], db[1], name))
        rows.sort(key=lambda r: -abs(r[0]))
        print(f"{'B-A B/conn':>11} {'B-A inst':>9} {'A B/conn':>9} {'B B/conn':>9}  class")
        for diff, inst, ab, bb, name in rows:
            if abs(diff) >= floor:
                print(f"{diff:>11.1f} {inst:>9.2f} {ab:>9.1f} {bb:>9.1f}  {name}")
        total = sum(r[0] for r in rows)
        print(f"{total:>11.1f} {'':>9} {sum(r[2] for r in rows):>9.1f} {sum(r[3] for r in rows):>9.1f}  (all classes)")
        return
    grown = per_connection(args[0], args[1], args[2])
    top = int(args[3]) if len(args) > 3 else 15
    rows = sorted(grown.items(), key=lambda kv: -kv[1][1])
    print(f"{'B/conn':>8} {'inst/conn':>9}  class (live heap per connection, top {top})")
    for name, (inst, size) in rows[:top]:
        print(f"{size:>8.1f} {inst:>9.2f}  {name}")
    print(f"{sum(v[1] for v in grown.values()):>8.1f} {'':>9}  (all classes)")


if __name__ == '__main__':
    main(sys.argv[1:])
