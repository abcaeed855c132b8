#!/usr/bin/env bash
# Benchmarks docket against the scripts people would write instead, end to end, on the same
# synthetic dockets (bench/README.md). Not part of CI. Data goes to bench/data/ (ignored).
#
#   bench/run.sh                 # N = 1,000 / 100,000 / 1,000,000
#   SIZES="1000 100000" bench/run.sh
#   SLOW_PEERS=1 bench/run.sh    # also run the typical script at 1,000,000 (about 9 minutes here)
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES="${SIZES:-1000 100000 1000000}"
RUNS="${RUNS:-5}"
DATA="$PWD/bench/data"
mkdir -p "$DATA"

command -v /usr/bin/time >/dev/null 2>&1 || /usr/bin/time --version >/dev/null 2>&1 || {
  apt-get update -qq && apt-get install -y -qq time >/dev/null; }
[ -x bench/.venv/bin/python ] || python3 -m venv bench/.venv
bench/.venv/bin/pip install -q numpy holidays icalendar
cargo build --release --quiet
cargo build --release --quiet --example gen_timeline
DOCKET=target/release/docket

# median wall seconds and max peak RSS of RUNS runs of a command, in MB of 10^6 bytes like the
# TOML sizes it is compared with (/usr/bin/time reports KiB)
measure() {
  local runs=$1; shift
  local walls=() peak=0
  for _ in $(seq "$runs"); do
    /usr/bin/time -f "%e %M" -o "$DATA/.time" "$@" >/dev/null 2>"$DATA/.stderr" || { cat "$DATA/.stderr" >&2; exit 1; }
    read -r wall rss < "$DATA/.time"
    walls+=("$wall"); [ "$rss" -gt "$peak" ] && peak=$rss
  done
  local median
  median=$(printf '%s\n' "${walls[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  echo "$median $((peak * 1024 / 1000000))"
}

printf '| events | TOML MB | task | cores | docket s | MB/s | peak MB | fastest script s | typical script s | vs fastest |\n'
printf '|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|\n'
for N in $SIZES; do
  dir="$DATA/n$N"
  [ -d "$dir" ] || ./target/release/examples/gen_timeline --events "$N" --seed 1 --out "$dir" 2>/dev/null
  mb=$(du -sb "$dir" | awk '{printf "%.1f", $1/1e6}')
  hol="$DATA/holidays"; mkdir -p "$hol"
  for c in us-federal d-colo co-courts colorado; do
    [ -s "$hol/$c.json" ] || $DOCKET holidays --calendar "$c" --from 1985-01-01 --to 2045-12-31 --format json > "$hol/$c.json"
  done
  runs=$RUNS; [ "$N" -ge 1000000 ] && runs=3
  fast=$(cd bench/peers && measure 1 ../.venv/bin/python fastest.py "$dir" "$hol" "$DATA/fast.ics" | cut -d' ' -f1)
  typical="-"
  if [ "$N" -lt 1000000 ] || [ -n "${SLOW_PEERS:-}" ]; then
    typical=$(cd bench/peers && measure 1 ../.venv/bin/python typical.py "$dir" "$DATA/typical.ics" | cut -d' ' -f1)
  fi
  # The scripts write their calendars without syncing: let the disk take them now, so that
  # their writeback does not run during (and count against) docket's runs.
  sync
  for cores in 2 1; do
    pin=(); [ "$cores" = 1 ] && pin=(taskset -c 0)
    for task in check upcoming export; do
      case $task in
        check) cmd=("${pin[@]}" $DOCKET check "$dir") ;;
        upcoming) cmd=("${pin[@]}" $DOCKET upcoming "$dir" --as-of 2030-01-01 --within 30) ;;
        export) cmd=("${pin[@]}" $DOCKET export "$dir" --format ics -o "$DATA/docket.ics") ;;
      esac
      read -r wall peak < <(measure "$runs" "${cmd[@]}")
      rate=$(awk -v m="$mb" -v w="$wall" 'BEGIN { if (w > 0) printf "%.0f", m / w; else print "-" }')
      ratio="-"; [ "$task" = export ] && ratio=$(awk -v f="$fast" -v w="$wall" 'BEGIN { if (w > 0) printf "%.1fx", f / w; else print "-" }')
      peers="- | -"; [ "$task" = export ] && peers="$fast | $typical"
      printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$N" "$mb" "$task" "$cores" "$wall" "$rate" "$peak" "$peers" "$ratio"
    done
  done
done

# `docket upcoming` on the bundled timelines, process start included: the median of 5 batches,
# each the mean of 100 runs from this shell, beside `docket --version` (start alone).
source bench/per_run_ms.sh
echo
echo "bundled timelines, upcoming: $(per_run_ms $DOCKET upcoming timelines --as-of 2020-01-14) ms;" \
  "--version: $(per_run_ms $DOCKET --version) ms (median of 5 means of 100 runs)"
