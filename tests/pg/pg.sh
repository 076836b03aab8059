#!/usr/bin/env bash
# A throw-away PostgreSQL server for the tests and benches/team.sh:
#
#   bash tests/pg/pg.sh start DIR   # initdb in DIR, start on a free loopback port, print the URL
#   bash tests/pg/pg.sh stop DIR    # stop it (immediate) and remove DIR
#   bash tests/pg/pg.sh pause DIR / resume DIR   # stop and start the same server (outage tests)
#
# The server trusts local connections (user `tm`, database `tm`) and listens on 127.0.0.1
# only. initdb refuses to run as root: as root, the server runs as the user `postgres` (made by
# Debian's package) or else `nobody`, owning DIR. Exit 3 when PostgreSQL is not installed.
set -euo pipefail
cmd=${1:?usage: pg.sh start|stop|pause|resume DIR}
dir=${2:?usage: pg.sh start|stop|pause|resume DIR}
bin=""
for d in /usr/lib/postgresql/*/bin; do
  [ -x "$d/initdb" ] && [ -x "$d/createdb" ] && bin=$d
done
if [ -z "$bin" ] && command -v initdb >/dev/null 2>&1 && command -v createdb >/dev/null 2>&1; then
  bin=$(dirname "$(command -v initdb)")
fi
if [ -z "$bin" ]; then
  echo "PostgreSQL is not installed (no initdb/pg_ctl)" >&2
  exit 3
fi
as=()
if [ "$(id -u)" = 0 ]; then
  user=postgres
  id "$user" >/dev/null 2>&1 || user=nobody
  as=(setpriv --reuid="$user" --regid="$(id -g "$user")" --clear-groups --)
fi
ctl() { "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" "$@"; }
case "$cmd" in
  start)
    mkdir -p "$dir"
    [ ${#as[@]} -gt 0 ] && chown "$user" "$dir"
    if ! "${as[@]}" "$bin/initdb" -D "$dir/data" -U tm -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1; then
      echo "initdb failed (the folder must be reachable by the server's user):" >&2
      cat "$dir/initdb.log" >&2
      exit 1
    fi
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    cat >>"$dir/data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir'
max_connections = 200
shared_buffers = 256MB
fsync = on
synchronous_commit = on
CONF
    echo "$port" >"$dir/port"
    ctl -w -t 60 start >/dev/null
    "${as[@]}" "$bin/createdb" -h 127.0.0.1 -p "$port" -U tm tm
    echo "postgres://tm@127.0.0.1:$port/tm"
    ;;
  pause) ctl -w -m fast stop >/dev/null ;;
  resume) ctl -w -t 60 start >/dev/null ;;
  stop)
    if [ -f "$dir/data/postmaster.pid" ]; then ctl -w -m immediate stop >/dev/null 2>&1 || true; fi
    rm -rf "$dir"
    ;;
  *) echo "unknown command $cmd" >&2; exit 2 ;;
esac
