#!/usr/bin/env bash
# Make sure a PostgreSQL server answers on 127.0.0.1:5432 with a database `idara`
# that the user postgres (password postgres) can use. Installs it if it is missing.
set -euo pipefail
if ! command -v pg_ctlcluster >/dev/null; then
  echo "Installing PostgreSQL"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
version=$(ls /etc/postgresql | sort -V | tail -n 1)
if ! pg_isready -q -h 127.0.0.1 -p 5432; then
  pg_ctlcluster --skip-systemctl-redirect "$version" main start
fi
for _ in $(seq 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
as_postgres() { if [ "$(id -u)" -eq 0 ]; then su postgres -c "$1"; else sh -c "$1"; fi; }
as_postgres "psql -q -c \"ALTER USER postgres PASSWORD 'postgres'\""
as_postgres "psql -tAc \"SELECT 1 FROM pg_database WHERE datname = 'idara'\"" | grep -q 1 \
  || as_postgres "createdb idara"
