#!/bin/sh
# Postgres 10 -> 14 upgrade, step 1 of 2 (runs in the postgres 10 image).
# An install made by KOTS before v1.70 keeps Postgres 10 data in $PGDATA (…/pgdata). pg_upgrade,
# which runs in the postgres 14 image, needs the old server's binaries: copy them to the shared
# upgrade volume. Nothing to do on a fresh install or once the upgrade is done.
set -eu
if [ ! -d "$PGDATA" ]; then
  echo "no Postgres 10 data in $PGDATA: nothing to copy"
  exit 0
fi
mkdir -p "$POSTGRES_UPGRADE_DIR/pg10"
cp -R /usr/local/. "$POSTGRES_UPGRADE_DIR/pg10/"
echo "Postgres 10 binaries copied to $POSTGRES_UPGRADE_DIR/pg10"
