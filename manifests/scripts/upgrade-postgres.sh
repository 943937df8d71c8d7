#!/bin/sh
# Postgres 10 -> 14 upgrade, step 2 of 2 (runs in the postgres 14 image).
# Moves the data of $PGDATAOLD (Postgres 10) into a new Postgres 14 cluster in $PGDATANEW with
# pg_upgrade, then deletes the old cluster. Nothing to do when there is no Postgres 10 data.
# PGPORT (50432, pg_upgrade's default) keeps the temporary servers off the Service port.
set -eu
if [ ! -d "$PGDATAOLD" ]; then
  echo "no Postgres 10 data in $PGDATAOLD: nothing to upgrade"
  exit 0
fi
chmod 700 "$PGDATAOLD"
rm -rf "$PGDATANEW"

# A new, empty 14 cluster with the same superuser and password, made by the image's own entrypoint.
PGDATA="$PGDATANEW" docker-entrypoint.sh postgres &
server=$!
until pg_isready -U "$POSTGRES_USER" -h 127.0.0.1 -p "$PGPORT" >/dev/null 2>&1; do sleep 1; done
# pg_upgrade wants a target cluster without user databases.
PGPASSWORD="$POSTGRES_PASSWORD" psql -v ON_ERROR_STOP=1 -U "$POSTGRES_USER" -h 127.0.0.1 -p "$PGPORT" -d template1 \
  -c "DROP DATABASE IF EXISTS \"$POSTGRES_DB\" WITH (FORCE)"
pg_ctl stop -w -D "$PGDATANEW"
wait "$server" || true

# pg_upgrade needs the old cluster shut down cleanly: start and stop it once with its own binaries.
"$PGBINOLD/pg_ctl" start -w -D "$PGDATAOLD"
"$PGBINOLD/pg_ctl" stop -w -D "$PGDATAOLD"

cd "$POSTGRES_UPGRADE_DIR"
pg_upgrade -U "$POSTGRES_USER" -b "$PGBINOLD" -B "$PGBINNEW" -d "$PGDATAOLD" -D "$PGDATANEW"
./delete_old_cluster.sh
rm -rf pg10
echo "Postgres data upgraded from 10 to 14"
