#!/usr/bin/env bash
# The National Do Not Call Registry at scale: imports a generated full list (NUMBERS numbers over 300 area codes,
# generated in memory as the FTC's flat file reads) into a fresh database under -Xmx1g, then times lookups. Prints
# import numbers/s, peak heap, the store's size, the cold load of each area code and the warm lookup cost, and writes
# them to results/<date>-registry.md.
#
#   ops/bench/registry.sh [NUMBERS] [h2|mariadb] [LOOKUPS]     (defaults: 50000000 h2 5000000)
source "$(dirname "$0")/lib.sh"

NUMBERS="${1:-50000000}"
DB="${2:-h2}"
LOOKUPS="${3:-5000000}"
ensure_built
WORK="$(mktemp -d "${TMPDIR:-/tmp}/registry-bench.XXXXXX")"
SCHEMA="registry_bench_$$"
cleanup() {
  stop_all
  rm -rf "$WORK"
  if [[ "$DB" == mariadb ]]; then mysql_root -e "DROP DATABASE IF EXISTS $SCHEMA" || true; fi
}
trap cleanup EXIT
if [[ "$DB" == mariadb ]]; then
  mysql_root -e "CREATE DATABASE $SCHEMA"
  URL="jdbc:mysql://127.0.0.1:3306/$SCHEMA"; USER_NAME=root
else
  URL="jdbc:h2:file:$WORK/registry;MODE=MySQL;DATABASE_TO_LOWER=TRUE"; USER_NAME=sa
fi
OUT="$WORK/out.txt"
java -Xmx1g -cp "$LIB/*" "$BENCH/src/RegistryBench.java" "$URL" "$USER_NAME" "" "$NUMBERS" "$LOOKUPS" | tee "$OUT"
if [[ "$DB" == h2 ]]; then
  du -m "$WORK"/registry.mv.db | awk '{ print "store: " $1 " MB on disk (H2 file)" }' | tee -a "$OUT"
fi
{ printf 'Registry, %s numbers, %s, %s lookups\n\n```\n' "$NUMBERS" "$DB" "$LOOKUPS"; cat "$OUT"; printf '```\n'; } > "$WORK/table.md"
write_result "registry-$DB" "$WORK/table.md"
