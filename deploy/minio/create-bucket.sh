#!/bin/sh
# Creates the observatory's bucket and a user for the services that may read and write objects but not administer
# MinIO. Idempotent: runs in the minio-init container (quay.io/minio/mc image) at every docker compose up.
set -eu
mc alias set observatory http://minio:9000 "$MINIO_ROOT_USER" "$MINIO_ROOT_PASSWORD"
mc mb --ignore-existing "observatory/$OBSERVATORY_STORE_BUCKET"
mc admin user add observatory "$OBSERVATORY_STORE_ACCESS_KEY" "$OBSERVATORY_STORE_SECRET_KEY"
mc admin policy attach observatory readwrite --user "$OBSERVATORY_STORE_ACCESS_KEY" 2>/dev/null \
  || echo "policy readwrite already attached to $OBSERVATORY_STORE_ACCESS_KEY"
echo "bucket $OBSERVATORY_STORE_BUCKET ready for $OBSERVATORY_STORE_ACCESS_KEY"
