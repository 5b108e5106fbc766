#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server for the tests and prints its URL.
# initdb refuses root, so the cluster belongs to the postgres user; it listens on loopback only.
set -euo pipefail
# A free port unless one is given, so a second run never collides with a first.
port=${1:-$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")}
bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
dir=$(mktemp -d /tmp/samrad-pg.XXXXXX)
chown postgres:postgres "$dir"
runuser -u postgres -- "$bindir/initdb" -D "$dir/data" --auth=trust -U app --no-sync >/dev/null
runuser -u postgres -- "$bindir/pg_ctl" -D "$dir/data" -l "$dir/log" -w -o \
  "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
  start >/dev/null
echo "postgres://app@127.0.0.1:$port/postgres"
