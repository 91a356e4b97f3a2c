#!/usr/bin/env python3
"""Store-to-applied latency of the receiver's inbox between two scrapes of its /prometheus (the histogram
dialer_webhook_apply_seconds, every webhook type together): prints "COUNT P50_MS P99_MS OVER_1S" where each percentile
is the upper bound of the histogram bucket it falls in (Micrometer's buckets are about 10-30 % apart here).

    python3 apply_latency.py BEFORE.txt AFTER.txt
"""
import re
import sys

BUCKET = re.compile(r'^dialer_webhook_apply_seconds_bucket\{(?P<labels>[^}]*)\} (?P<count>[0-9.eE+]+)$')


def buckets(path):
    totals = {}
    for line in open(path, encoding="utf-8"):
        match = BUCKET.match(line.strip())
        if match:
            le = re.search(r'le="([^"]+)"', match["labels"]).group(1)
            bound = float("inf") if le == "+Inf" else float(le)
            totals[bound] = totals.get(bound, 0.0) + float(match["count"])
    return totals


def main(before_path, after_path):
    before, after = buckets(before_path), buckets(after_path)
    cumulative = sorted((bound, after[bound] - before.get(bound, 0.0)) for bound in after)
    total = cumulative[-1][1] if cumulative else 0
    if total <= 0:
        print("0 - - -")
        return

    def percentile(p):
        for bound, count in cumulative:
            if count >= p * total:
                return "inf" if bound == float("inf") else f"{bound * 1000:.0f}"
        return "inf"

    within_1s = max((count for bound, count in cumulative if bound <= 1.0), default=0)
    print(f"{int(total)} {percentile(0.5)} {percentile(0.99)} {int(total - within_1s)}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
