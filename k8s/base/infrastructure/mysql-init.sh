#!/bin/sh
# Runs once, on MySQL's first start with an empty data directory (docker-entrypoint-initdb.d):
# one database per service, one user per service that may only read and write its own database,
# and the migration user that may change the schema of all four. Passwords come from the
# environment (the Secret in Kubernetes, the compose file's variables with Docker).
# mysql_native_password: the services' MariaDB driver logs in without TLS or RSA key retrieval.
set -eu

require_password() {
  eval "value=\${$1:-}"
  case "$value" in
    '') echo "mysql-init: $1 is not set" >&2; exit 1 ;;
    *[\'\"\\\`\ ]*) echo "mysql-init: $1 must not contain quotes, backslashes or spaces" >&2; exit 1 ;;
  esac
  printf '%s' "$value"
}

migrate_password=$(require_password MEDIQ_MIGRATE_DB_PASSWORD)
sql="CREATE USER IF NOT EXISTS 'mediq_migrate'@'%' IDENTIFIED WITH mysql_native_password BY '${migrate_password}';"

# database:password variable (the service's user has the database's name)
for entry in \
  mediq_user:MEDIQ_USER_DB_PASSWORD \
  mediq_institution:MEDIQ_INSTITUTION_DB_PASSWORD \
  mediq_queue:MEDIQ_QUEUE_DB_PASSWORD \
  mediq_ocr:MEDIQ_OCR_DB_PASSWORD; do
  database=${entry%%:*}
  password=$(require_password "${entry#*:}")
  sql="$sql
CREATE DATABASE IF NOT EXISTS \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS '${database}'@'%' IDENTIFIED WITH mysql_native_password BY '${password}';
GRANT SELECT, INSERT, UPDATE, DELETE ON \`${database}\`.* TO '${database}'@'%';
GRANT ALL PRIVILEGES ON \`${database}\`.* TO 'mediq_migrate'@'%';"
done

# MYSQL_PWD rather than -p: a development server may have an empty root password.
printf '%s\nFLUSH PRIVILEGES;\n' "$sql" | MYSQL_PWD="${MYSQL_ROOT_PASSWORD:-}" mysql --protocol=socket -uroot
