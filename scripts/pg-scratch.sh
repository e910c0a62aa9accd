#!/usr/bin/env bash
# A throwaway PostgreSQL server (Debian's packages: apt-get install -y postgresql) for tests and CI.
# Test data only: fsync off, trust authentication, listening on 127.0.0.1 only.
#
#   scripts/pg-scratch.sh start    # starts it (or finds it running); the URL is the last line of stdout
#   scripts/pg-scratch.sh stop     # stops it (no error when it is not running)
#   scripts/pg-scratch.sh status   # exit 0 when running, and prints the URL
#   scripts/pg-scratch.sh url      # prints the URL
#   scripts/pg-scratch.sh destroy  # stops it and deletes its directory
#
# Environment: PG_SCRATCH_DIR (default /tmp/lst-pg), PG_SCRATCH_PORT (default 54329).
# As root it runs the server as the `postgres` user through su; as any other user, as that user.
# Only the URL goes to stdout, so `export TEST_DATABASE_URL=$(scripts/pg-scratch.sh start)` works.
set -euo pipefail

DIR=${PG_SCRATCH_DIR:-/tmp/lst-pg}
PORT=${PG_SCRATCH_PORT:-54329}
DATA="$DIR/data"
SOCK="$DIR/sock"
LOGDIR="$DIR/log"
URL="postgres://postgres@127.0.0.1:$PORT/postgres"

PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
if [ -z "$PGBIN" ] || [ ! -x "$PGBIN/initdb" ]; then
  echo "pg-scratch: PostgreSQL server binaries not found under /usr/lib/postgresql (apt-get install -y postgresql)" >&2
  exit 1
fi

if [ "$(id -u)" = 0 ]; then
  RUN_AS=postgres
  as_pg() { su "$RUN_AS" -s /bin/sh -c "$1"; }
  mkdir_pg() { install -d -m 0700 -o "$RUN_AS" -g "$RUN_AS" "$@"; }
else
  as_pg() { sh -c "$1"; }
  mkdir_pg() { install -d -m 0700 "$@"; }
fi

running() { [ -f "$DATA/PG_VERSION" ] && as_pg "'$PGBIN/pg_ctl' -D '$DATA' status" >/dev/null 2>&1; }

case "${1:-start}" in
  start)
    if running; then
      echo "pg-scratch: already running ($DATA)" >&2
      echo "$URL"
      exit 0
    fi
    if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
      echo "pg-scratch: port $PORT is taken by another process; set PG_SCRATCH_PORT" >&2
      exit 1
    fi
    # the parent must be reachable by the server's user
    install -d -m 0755 "$DIR"
    if [ ! -f "$DATA/PG_VERSION" ]; then
      rm -rf "$DATA"
      mkdir_pg "$DATA"
      as_pg "'$PGBIN/initdb' -D '$DATA' -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 -N >/dev/null" >&2
    fi
    mkdir_pg "$SOCK" "$LOGDIR"
    as_pg "'$PGBIN/pg_ctl' -D '$DATA' -l '$LOGDIR/server.log' -w -t 30 \
      -o \"-p $PORT -c listen_addresses=127.0.0.1 -k '$SOCK' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200\" start" >&2 || {
      echo "pg-scratch: the server did not start; last lines of $LOGDIR/server.log:" >&2
      tail -20 "$LOGDIR/server.log" >&2 || true
      exit 1
    }
    echo "$URL"
    ;;
  stop)
    if running; then
      as_pg "'$PGBIN/pg_ctl' -D '$DATA' -m fast -w -t 30 stop" >&2
    else
      echo "pg-scratch: not running ($DATA)" >&2
    fi
    ;;
  status)
    if running; then echo "$URL"; else echo "pg-scratch: not running ($DATA)" >&2; exit 1; fi
    ;;
  url)
    echo "$URL"
    ;;
  destroy)
    if running; then as_pg "'$PGBIN/pg_ctl' -D '$DATA' -m immediate -w -t 30 stop" >&2; fi
    rm -rf "$DIR"
    ;;
  *)
    echo "usage: $0 start|stop|status|url|destroy" >&2
    exit 2
    ;;
esac
