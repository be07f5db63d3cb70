#!/usr/bin/env bash
# Starts the machine's PostgreSQL 15 and makes a role and database for the store and API suites.
# Prints the DATABASE_URL to use. Safe to run twice.
set -euo pipefail
if ! command -v pg_ctlcluster >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15 >/dev/null
fi
pg_ctlcluster 15 main start 2>/dev/null || true
for i in $(seq 1 30); do
  su postgres -c "pg_isready -q" && break
  sleep 1
done
su postgres -c "psql -v ON_ERROR_STOP=1 -q" <<'SQL'
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'suhde') THEN
    CREATE ROLE suhde LOGIN PASSWORD 'suhde' CREATEDB;
  END IF;
END $$;
SQL
su postgres -c "psql -tAc \"SELECT 1 FROM pg_database WHERE datname = 'suhde_test'\"" | grep -q 1 \
  || su postgres -c "createdb -O suhde suhde_test"
echo "postgres://suhde:suhde@127.0.0.1:5432/suhde_test"
