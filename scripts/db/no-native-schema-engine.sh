#!/bin/sh
# Stand-in for Prisma's native schema engine, which cannot be downloaded offline.
# `prisma generate` only needs the path to exist. Anything that really calls the engine
# (prisma migrate / db push) must fail loudly rather than report a silent success.
echo "The native Prisma schema engine is not available here. Use 'npm run db:migrate' (WASM engine) instead." >&2
exit 1
