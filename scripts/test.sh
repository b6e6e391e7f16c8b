#!/usr/bin/env bash
# `npm test`: lint, typecheck, then every test (unit, integration on the embedded AWS, infra, e2e).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh --browser
# s3rver's paged listings use DES, which OpenSSL 3 only offers through its legacy provider.
export NODE_OPTIONS="--openssl-legacy-provider ${NODE_OPTIONS:-}"
# Locally we run Node 20 on purpose (the machines' version); Lambda runs Node 22.
export AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true

npx biome check .
npx tsc --noEmit
# Every interface language has every message (issue 20); the format is a contract, docs/i18n.md.
npm run --silent i18n:check
npx vitest run "$@"
