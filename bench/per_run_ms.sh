# `per_run_ms CMD...`: the mean wall time of 100 runs of CMD from this shell, fork and exec
# included, in ms; the median of 5 such means. Sourced by bench/run.sh and bench/compare.sh.
per_run_ms() {
  local means=()
  for _ in 1 2 3 4 5; do
    local t0 t1
    t0=$(date +%s%N)
    for _ in $(seq 100); do "$@" >/dev/null; done
    t1=$(date +%s%N)
    means+=("$(awk -v d=$((t1 - t0)) 'BEGIN { printf "%.2f", d / 100 / 1e6 }')")
  done
  printf '%s\n' "${means[@]}" | sort -n | sed -n 3p
}
