#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for the store's tests: initdb in a temporary folder, a loopback port, no password
# (trust, on 127.0.0.1 only), fsync off. Prints the shell lines that export its URL:
#   eval "$(bash .ci/start-postgres.sh)"      -> KTRIAGE_TEST_PG_URL, KTRIAGE_TEST_PG_DIR
#   bash .ci/start-postgres.sh stop           -> stops the cluster named by KTRIAGE_TEST_PG_DIR and removes its folder
# PostgreSQL refuses to run as root: as root, the cluster runs as the `postgres` user the Debian package creates.
set -euo pipefail

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
if [ -z "$bin" ]; then bin=$(dirname "$(command -v initdb)"); fi
as_owner() { if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

if [ "${1:-}" = "stop" ]; then
  dir=${KTRIAGE_TEST_PG_DIR:?}
  as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
  exit 0
fi

dir=$(mktemp -d "${TMPDIR:-/tmp}/ktriage-pg.XXXXXX")
if [ "$(id -u)" = "0" ]; then chown postgres "$dir"; fi
as_owner "$bin/initdb" -D "$dir/data" -U ktriage --auth=trust -E UTF8 --no-locale >"$dir/initdb.log" 2>&1
for port in $(seq 55432 55532); do
  if as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null 2>&1; then
    as_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U ktriage ktriage_test
    echo "export KTRIAGE_TEST_PG_URL=postgres://ktriage@127.0.0.1:$port/ktriage_test"
    echo "export KTRIAGE_TEST_PG_DIR=$dir"
    exit 0
  fi
done
echo "start-postgres: no free port in 55432-55532 (see $dir/server.log)" >&2
exit 1
