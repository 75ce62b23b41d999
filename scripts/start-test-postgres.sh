#!/usr/bin/env bash
# Installs PostgreSQL from the system's packages (Debian), starts it, creates the
# `perpetua` role (allowed to create databases: each store test makes its own) and the
# `perpetua_test` database, and prints the URL the store tests read from
# PERPETUA_TEST_POSTGRES_URL. Safe to run again.
set -euo pipefail

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
as_postgres() { as_root runuser -u postgres -- "$@"; }

if ! command -v pg_ctlcluster >/dev/null || [ -z "$(ls /usr/lib/postgresql 2>/dev/null)" ]; then
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
fi

version=$(ls /usr/lib/postgresql | sort -V | tail -1)
if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -qx "$version main"; then
    as_root pg_createcluster "$version" main >&2
fi
if ! pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" {print $4}' | grep -q online; then
    as_root pg_ctlcluster "$version" main start >&2
fi
for _ in $(seq 1 30); do
    pg_isready -q -h 127.0.0.1 -p 5432 && break
    sleep 1
done
pg_isready -h 127.0.0.1 -p 5432 >&2

as_postgres psql -q -v ON_ERROR_STOP=1 <<'SQL' >&2
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'perpetua') THEN
        CREATE ROLE perpetua LOGIN CREATEDB PASSWORD 'perpetua';
    ELSE
        ALTER ROLE perpetua LOGIN CREATEDB PASSWORD 'perpetua';
    END IF;
END
$$;
SELECT 'CREATE DATABASE perpetua_test OWNER perpetua'
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'perpetua_test') \gexec
SQL

echo "postgres://perpetua:perpetua@127.0.0.1:5432/perpetua_test?sslmode=disable"
