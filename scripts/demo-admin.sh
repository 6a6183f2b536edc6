#!/usr/bin/env bash
# Creates the demo system administrator for `make run` unless it exists, and prints the login.
set -euo pipefail
xueji=${1:-.build/release/xueji}
password=xueji-demo-2026
printf '%s\n' "$password" | "$xueji" user add --username admin --role system_admin --scope 000000 --password-stdin --if-missing >/dev/null
cat <<MSG

  Xueji is starting on http://localhost:8080
  Demo login (system administrator):  admin / $password
  API description: http://localhost:8080/api/v1/openapi.json

MSG
