#!/usr/bin/env bash
# Times `docket::publish` against a local CalDAV server: ENTRIES entries (default 10,000)
# published into a new collection, then again with no change, as a dry run, with 1% changed and
# with 1% removed; wall time and request counts per run (bench/README.md, "Publishing to a
# CalDAV server"). Not part of CI. The server runs on 127.0.0.1 with its storage in a temporary
# folder, removed afterwards.
#
#   bench/publish.sh                        # Radicale 3.9.0, 10,000 entries, 4 writes in flight
#   ENTRIES=1000 PARALLEL=1 bench/publish.sh
#   SERVER=xandikos bench/publish.sh        # Xandikos (the Debian package, or DOCKET_XANDIKOS)
#   RADICALE_STORAGE=fast bench/publish.sh  # Radicale configured for speed, not for safety:
#       [storage] use_mtime_and_size_for_item_cache = True (documented: the item cache is
#       checked by mtime and size instead of a SHA-256 of each file) and _filesystem_fsync =
#       False (internal, settable only from Python, as Radicale's own tests do: no fsync of each
#       file written). The first line of the output says so.
set -euo pipefail
cd "$(dirname "$0")/.."
ENTRIES="${ENTRIES:-10000}"
PARALLEL="${PARALLEL:-4}"
SERVER="${SERVER:-radicale}"
RADICALE_STORAGE="${RADICALE_STORAGE:-default}"

servers="${DOCKET_SERVERS_HOME:-$HOME/.cache/docket-servers}"
case "$SERVER" in
  radicale)
    if [ ! -x "$servers/venv/bin/radicale" ]; then
      python3 -m venv "$servers/venv"
      "$servers/venv/bin/pip" install -q radicale==3.9.0
    fi
    ;;
  xandikos)
    xandikos="${DOCKET_XANDIKOS:-$(command -v xandikos || true)}"
    if [ -z "$xandikos" ]; then
      echo "Xandikos is not installed: apt-get install -y xandikos (or set DOCKET_XANDIKOS)" >&2
      exit 1
    fi
    ;;
  *)
    echo "SERVER is radicale or xandikos, not $SERVER" >&2
    exit 2
    ;;
esac
case "$RADICALE_STORAGE" in
  default | fast) ;;
  *)
    echo "RADICALE_STORAGE is default or fast, not $RADICALE_STORAGE" >&2
    exit 2
    ;;
esac

cargo build --release --quiet --example publish_bench
bin="${CARGO_TARGET_DIR:-target}/release/examples/publish_bench"

dir="$(mktemp -d)"
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
case "$SERVER" in
  radicale)
    printf 'bench:bench\n' > "$dir/users"
    storage=""
    if [ "$RADICALE_STORAGE" = fast ]; then
      storage="use_mtime_and_size_for_item_cache = True"
    fi
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
$storage
[web]
type = none
[logging]
level = warning
EOF
    if [ "$RADICALE_STORAGE" = fast ]; then
      # `_filesystem_fsync` is refused in a configuration file; set it as Radicale's tests do.
      "$servers/venv/bin/python" - "$dir/config" > "$dir/server.log" 2>&1 <<'EOF' &
import signal, socket, sys
from radicale import config, log, server
configuration = config.load([(sys.argv[1], False)])
configuration.update({"storage": {"_filesystem_fsync": "False"}}, "bench/publish.sh", privileged=True)
log.set_level(configuration.get("logging", "level"), False)
shutdown, shutdown_out = socket.socketpair()
signal.signal(signal.SIGTERM, lambda *_: shutdown.close())
server.serve(configuration, shutdown_out)
EOF
    else
      "$servers/venv/bin/radicale" --config "$dir/config" > "$dir/server.log" 2>&1 &
    fi
    url="http://127.0.0.1:$port/bench/deadlines/"
    version="radicale $("$servers/venv/bin/radicale" --version 2>/dev/null | head -1)"
    if [ "$RADICALE_STORAGE" = fast ]; then
      version="$version, storage configured for speed (_filesystem_fsync = False, use_mtime_and_size_for_item_cache = True)"
    else
      version="$version, default storage settings"
    fi
    ;;
  xandikos)
    "$xandikos" -d "$dir/data" -l 127.0.0.1 -p "$port" --autocreate > "$dir/server.log" 2>&1 &
    url="http://127.0.0.1:$port/user/calendars/deadlines/"
    version="xandikos $("$xandikos" --version 2>&1 | awk '{print $NF}' | head -1), defaults"
    ;;
esac
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; rm -rf "$dir"' EXIT
for _ in $(seq 300); do
  curl -s -o /dev/null "http://127.0.0.1:$port/" && break
  kill -0 "$server" || { cat "$dir/server.log"; exit 1; }
  sleep 0.1
done
if [ "$SERVER" = xandikos ]; then
  # Xandikos makes the user's folders on the first request; make them before the clock starts.
  curl -s -o /dev/null -X PROPFIND -H 'Depth: 0' "http://127.0.0.1:$port/user/"
fi

echo "$(date -u +%Y-%m-%d), $version, $ENTRIES entries, $PARALLEL in flight, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
# The CPU time of each side (all five runs) beside the wall time shows whose time it is.
TIMEFORMAT='docket: %U s user + %S s system CPU in %R s, all runs'
if [ "$SERVER" = radicale ]; then
  time DOCKET_CALDAV_USER=bench DOCKET_CALDAV_PASSWORD=bench "$bin" "$url" "$ENTRIES" "$PARALLEL"
else
  # Xandikos has no authentication of its own.
  time env -u DOCKET_CALDAV_USER -u DOCKET_CALDAV_PASSWORD "$bin" "$url" "$ENTRIES" "$PARALLEL"
fi
awk -v tick="$(getconf CLK_TCK)" '{ printf "server: %.1f s user + %.1f s system CPU, all runs\n", $14 / tick, $15 / tick }' "/proc/$server/stat"
