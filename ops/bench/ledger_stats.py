#!/usr/bin/env python3
"""Reads the sandbox ledger (JSON from GET /sandbox/ledger) on stdin and prints, for the entries after
the first SKIP ones: calls, seconds from first to last request, calls/s, and the most requests received
in any one-second sliding window.  Usage: ledger_stats.py SKIP < ledger.json
With --lines instead of SKIP, reads one instant per line (epoch seconds), e.g. LimiterAlone's grants."""
import json, sys
from datetime import datetime

def instant(value):
    if isinstance(value, (int, float)):
        return float(value)
    text = value.replace("Z", "+00:00")
    if "." in text:  # Python 3.11 accepts up to 6 fraction digits
        head, rest = text.split(".", 1)
        digits = "".join(c for c in rest if c.isdigit())
        zone = rest[len(digits):]
        text = head + "." + digits[:6].ljust(6, "0") + zone
    return datetime.fromisoformat(text).timestamp()

if len(sys.argv) > 1 and sys.argv[1] == "--lines":
    times = sorted(float(line) for line in sys.stdin if line.strip())
else:
    skip = int(sys.argv[1]) if len(sys.argv) > 1 else 0
    data = json.load(sys.stdin)
    entries = data if isinstance(data, list) else next(v for v in data.values() if isinstance(v, list))
    times = sorted(instant(e["received_at"]) for e in entries[skip:])
n = len(times)
if n < 2:
    print(f"{n} 0 0 {n}")
    sys.exit(0)
span = times[-1] - times[0]
best, j = 0, 0
for i in range(n):
    while times[i] - times[j] >= 1.0:
        j += 1
    best = max(best, i - j + 1)
rate = (n - 1) / span if span > 0 else 0
print(f"{n} {span:.2f} {rate:.2f} {best}")
