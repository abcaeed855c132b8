#!/usr/bin/env bash
# Times `docket::publish` against a local Radicale: ENTRIES entries (default 10,000) published
# into a new collection, then again with no change, then with 1% changed and 1% removed; wall
# time and request counts per run (bench/README.md, "Publishing to a CalDAV server"). Not part
# of CI. Radicale runs on 127.0.0.1 with its storage in a temporary folder, removed afterwards.
#
#   bench/publish.sh                  # 10,000 entries, 4 writes in flight
#   ENTRIES=1000 PARALLEL=1 bench/publish.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ENTRIES="${ENTRIES:-10000}"
PARALLEL="${PARALLEL:-4}"

servers="${DOCKET_SERVERS_HOME:-$HOME/.cache/docket-servers}"
if [ ! -x "$servers/venv/bin/radicale" ]; then
  python3 -m venv "$servers/venv"
  "$servers/venv/bin/pip" install -q radicale==3.9.0
fi
cargo build --release --quiet --example publish_bench
bin="${CARGO_TARGET_DIR:-target}/release/examples/publish_bench"

dir="$(mktemp -d)"
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
printf 'bench:bench\n' > "$dir/users"
cat > "$dir/config" <<EOF
[server]
hosts = 127.0.0.1:$port
[auth]
type = htpasswd
htpasswd_filename = $dir/users
htpasswd_encryption = plain
[rights]
type = owner_only
[storage]
filesystem_folder = $dir/collections
[web]
type = none
[logging]
level = warning
EOF
"$servers/venv/bin/radicale" --config "$dir/config" > "$dir/server.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; rm -rf "$dir"' EXIT
for _ in $(seq 300); do
  curl -s -o /dev/null "http://127.0.0.1:$port/" && break
  kill -0 "$server" || { cat "$dir/server.log"; exit 1; }
  sleep 0.1
done

echo "radicale $("$servers/venv/bin/radicale" --version 2>/dev/null | head -1), $ENTRIES entries, $PARALLEL in flight, $(nproc) cores"
DOCKET_CALDAV_USER=bench DOCKET_CALDAV_PASSWORD=bench \
  "$bin" "http://127.0.0.1:$port/bench/deadlines/" "$ENTRIES" "$PARALLEL"
