#!/usr/bin/env bash
# Times two builds of docket side by side on the same synthetic dockets, in one run: the working
# tree's and an earlier commit's (built in a temporary worktree), each command run alternately
# with the one and the other so that the machine's slow and fast moments fall on both alike.
# Not part of CI. Data goes to bench/data/ (ignored); see bench/README.md.
#
#   bench/compare.sh                    # against BEFORE=e436487, N = 100,000 and 1,000,000
#   BEFORE=v0.1.0 SIZES=100000 RUNS=5 bench/compare.sh
#   AFTER_BIN=/path/to/docket bench/compare.sh   # a build made earlier instead of the working tree's
set -euo pipefail
cd "$(dirname "$0")/.."
BEFORE="${BEFORE:-e436487}"
SIZES="${SIZES:-100000 1000000}"
RUNS="${RUNS:-3}"
DATA="$PWD/bench/data"
mkdir -p "$DATA"
command -v /usr/bin/time >/dev/null 2>&1 || /usr/bin/time --version >/dev/null 2>&1 || {
  apt-get update -qq && apt-get install -y -qq time >/dev/null; }

cargo build --release --quiet --example gen_timeline
if [ -n "${AFTER_BIN:-}" ]; then
  AFTER="$AFTER_BIN"
else
  cargo build --release --quiet
  AFTER="$PWD/target/release/docket"
fi
# The earlier build: its own worktree and target folder, kept between runs, removed from git's
# list of worktrees when done.
old="$DATA/before-$BEFORE"
if [ ! -x "$old/target/release/docket" ]; then
  rm -rf "$old/src"
  git worktree add --quiet --detach "$old/src" "$BEFORE"
  (cd "$old/src" && CARGO_TARGET_DIR="$old/target" cargo build --release --quiet)
  git worktree remove --force "$old/src"
fi
BEFORE_BIN="$old/target/release/docket"
# Each build reads the bundled timelines of its own commit (the format grows new keys).
rm -rf "$old/timelines" && git archive "$BEFORE" timelines | tar -x -C "$old"

# One run: wall seconds, processor seconds (user + system) and peak memory in MB (10^6 bytes).
once() {
  /usr/bin/time -f "%e %U %S %M" -o "$DATA/.time" "$@" >/dev/null 2>"$DATA/.stderr" || {
    cat "$DATA/.stderr" >&2; exit 1; }
  awk '{ printf "%s %.2f %d\n", $1, $2 + $3, $4 * 1024 / 1000000 }' "$DATA/.time"
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

printf '| events | TOML MB | task | before s | after s | after/before | before CPU s | after CPU s | before peak MB | after peak MB | after MB/s |\n'
printf '|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|\n'
for N in $SIZES; do
  dir="$DATA/n$N"
  [ -d "$dir" ] || ./target/release/examples/gen_timeline --events "$N" --seed 1 --out "$dir" 2>/dev/null
  mb=$(du -sb "$dir" | awk '{printf "%.1f", $1/1e6}')
  for task in check upcoming export; do
    for side in before after; do : > "$DATA/.$side"; done
    for _ in $(seq "$RUNS"); do
      for side in before after; do
        bin=$AFTER; [ "$side" = before ] && bin=$BEFORE_BIN
        case $task in
          check) once "$bin" check "$dir" >> "$DATA/.$side" ;;
          upcoming) once "$bin" upcoming "$dir" --as-of 2030-01-01 --within 30 >> "$DATA/.$side" ;;
          export) once "$bin" export "$dir" --format ics -o "$DATA/$side.ics" >> "$DATA/.$side" ;;
        esac
      done
    done
    read -r bw < <(cut -d' ' -f1 "$DATA/.before" | median)
    read -r aw < <(cut -d' ' -f1 "$DATA/.after" | median)
    read -r bc < <(cut -d' ' -f2 "$DATA/.before" | median)
    read -r ac < <(cut -d' ' -f2 "$DATA/.after" | median)
    bp=$(cut -d' ' -f3 "$DATA/.before" | sort -n | tail -1)
    ap=$(cut -d' ' -f3 "$DATA/.after" | sort -n | tail -1)
    ratio=$(awk -v a="$aw" -v b="$bw" 'BEGIN { printf "%.2f", a / b }')
    rate=$(awk -v m="$mb" -v w="$aw" 'BEGIN { if (w > 0) printf "%.0f", m / w; else print "-" }')
    printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' \
      "$N" "$mb" "$task" "$bw" "$aw" "$ratio" "$bc" "$ac" "$bp" "$ap" "$rate"
  done
done

# The bundled timelines: mean of 100 runs, process start included, median of 5 such means.
source bench/per_run_ms.sh
echo
echo "bundled timelines, upcoming: before $(per_run_ms "$BEFORE_BIN" upcoming "$old/timelines" --as-of 2020-01-14) ms," \
  "after $(per_run_ms "$AFTER" upcoming timelines --as-of 2020-01-14) ms (median of 5 means of 100 runs)"
