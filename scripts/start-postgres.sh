#!/usr/bin/env bash
# Start (or reuse) a throw-away PostgreSQL server on loopback for development and tests.
#
# Prints the DSN on standard output, e.g. postgresql://onrecord@127.0.0.1:54329/onrecord,
# which the tests read from ONRECORD_TEST_PG:  export ONRECORD_TEST_PG=$(scripts/start-postgres.sh)
# As root the server runs as the `postgres` system user (PostgreSQL refuses to run as root);
# as any other user it runs as that user. Trust authentication, loopback only: never expose it.
# Settings: ONRECORD_PG_PORT (default 54329), ONRECORD_PG_DIR (default /tmp/onrecord-pg-<port>).
set -euo pipefail

port="${ONRECORD_PG_PORT:-54329}"
dir="${ONRECORD_PG_DIR:-/tmp/onrecord-pg-$port}"
dsn="postgresql://onrecord@127.0.0.1:$port/onrecord"

bindir=""
for candidate in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
  bindir="$candidate"
  break
done
if [ -z "$bindir" ]; then
  pg_ctl_path="$(command -v pg_ctl || true)"
  [ -n "$pg_ctl_path" ] || { echo "PostgreSQL is not installed (apt-get install -y postgresql)" >&2; exit 1; }
  bindir="$(dirname "$(readlink -f "$pg_ctl_path")")"
fi

as_owner() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

if "$bindir/pg_isready" -q -h 127.0.0.1 -p "$port"; then
  echo "$dsn"
  exit 0
fi

if [ ! -s "$dir/PG_VERSION" ]; then
  mkdir -p "$dir"
  [ "$(id -u)" = 0 ] && chown postgres: "$dir"
  chmod 700 "$dir"
  as_owner "$bindir/initdb" -D "$dir" -U onrecord --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir.initdb.log" 2>&1 \
    || { cat "$dir.initdb.log" >&2; exit 1; }
fi

as_owner "$bindir/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
  start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }

if ! as_owner "$bindir/psql" -h 127.0.0.1 -p "$port" -U onrecord -d postgres -tAc \
    "SELECT 1 FROM pg_database WHERE datname = 'onrecord'" | grep -q 1; then
  as_owner "$bindir/createdb" -h 127.0.0.1 -p "$port" -U onrecord onrecord
fi
echo "$dsn"
