#!/usr/bin/env python3
"""Runs each query of hot-queries.sql with MariaDB's ANALYZE FORMAT=JSON (executed inside a transaction that is rolled
back), prints one line per table it reads (access type, index, rows read) and exits 1 when a query scans: a table read
end to end (access type ALL or a full index scan) or more rows read than the query's bound.

    python3 plans.py QUERIES.sql DATABASE        (the mariadb client on PATH, root at 127.0.0.1:3306)
"""
import json
import re
import subprocess
import sys

HEADER = re.compile(r"^-- query: (?P<name>.+?) \| max rows read: (?P<max>\d+)\s*$")


def blocks(path):
    name, bound, lines = None, None, []
    for line in open(path, encoding="utf-8"):
        match = HEADER.match(line)
        if match:
            name, bound, lines = match["name"], int(match["max"]), []
        elif name and not line.startswith("--"):
            lines.append(line)
            if line.rstrip().endswith(";"):
                yield name, bound, "".join(lines).strip().rstrip(";")
                name = None


def analyze(database, statement):
    script = f"START TRANSACTION; ANALYZE FORMAT=JSON {statement}; ROLLBACK;"
    out = subprocess.run(["mariadb", "-h", "127.0.0.1", "-P", "3306", "-u", "root", "--batch", "--raw",
                          "--skip-column-names", database, "-e", script],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def tables(node):
    """Every table access of the plan, wherever it nests (subqueries, unions, sorts, loops)."""
    if isinstance(node, dict):
        if "table_name" in node and "access_type" in node:
            yield node
        for value in node.values():
            yield from tables(value)
    elif isinstance(node, list):
        for value in node:
            yield from tables(value)


def main(path, database):
    failed = []
    for name, bound, statement in blocks(path):
        plan = analyze(database, statement)
        total = 0
        lines = []
        scans = []
        for table in tables(plan):
            loops = table.get("r_loops", 1) or 0
            rows = round(loops * (table.get("r_rows") or 0))
            total += rows
            access = table["access_type"]
            key = table.get("key", "-")
            full_index = access == "index" and not table.get("using_index_for_group_by")
            lines.append(f"    {table['table_name']:<16} {access:<12} {key:<36} rows read {rows:>10,}")
            if (access == "ALL" or full_index) and rows > 1000:
                scans.append(f"{table['table_name']} read end to end ({access})")
        time_ms = plan.get("query_block", {}).get("r_total_time_ms")
        verdict = "ok"
        if scans or total > bound:
            verdict = "SCANS: " + ", ".join(scans or [f"{total:,} rows read, bound {bound:,}"])
            failed.append(name)
        took = f", {time_ms:.1f} ms" if isinstance(time_ms, (int, float)) else ""
        print(f"{name}: {total:,} rows read{took} -> {verdict}")
        print("\n".join(lines))
    print()
    if failed:
        print(f"{len(failed)} hot queries scan:")
        for name in failed:
            print(f"  - {name}")
        return 1
    print("No hot query scans.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
