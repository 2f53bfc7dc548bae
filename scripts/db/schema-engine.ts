// Prisma's migration engine, run from its WASM build: the native engine cannot be
// downloaded offline. Produces and applies migrations in Prisma's own folder format, so an
// online deploy can still use `prisma migrate deploy` on the same prisma/migrations folder.
import { readFile, readdir } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type { MigrationList, SchemaEngine } from "@prisma/schema-engine-wasm";

export const projectRoot = path.resolve(import.meta.dirname, "../..");
export const schemaPath = path.join(projectRoot, "prisma/schema.prisma");
export const migrationsDir = path.join(projectRoot, "prisma/migrations");
/** The schema as of the newest migration; `db:migrate:new` diffs it against schema.prisma. */
export const snapshotPath = path.join(migrationsDir, "schema.snapshot.prisma");

const noFilters = { externalTables: [], externalEnums: [] };

type Glue = typeof import("@prisma/schema-engine-wasm/schema_engine_bg");
let glueReady: Promise<Glue> | undefined;

/**
 * The WASM module is instantiated once per process: its JS glue is a module singleton, and
 * starting a second instance under it panicked when two databases were migrated in one run.
 */
function engineModule(): Promise<Glue> {
  glueReady ??= (async () => {
    const require = createRequire(import.meta.url);
    const pkgDir = path.dirname(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg"));
    const glue = await import("@prisma/schema-engine-wasm/schema_engine_bg");
    const wasmBytes = await readFile(path.join(pkgDir, "schema_engine_bg.wasm"));
    const { instance } = await WebAssembly.instantiate(wasmBytes, { "./schema_engine_bg.js": glue as never });
    const exports = instance.exports as unknown as { __wbindgen_start: () => void };
    (glue as unknown as { __wbg_set_wasm(w: unknown): void }).__wbg_set_wasm(exports);
    // Where the engine reports a Rust panic's message (it expects this global to exist).
    (globalThis as { PRISMA_WASM_PANIC_REGISTRY?: unknown }).PRISMA_WASM_PANIC_REGISTRY ??= {
      set_message: (message: string) => console.error(`[schema-engine] panic: ${message}`),
    };
    exports.__wbindgen_start();
    return glue;
  })();
  return glueReady;
}

/**
 * Prisma's pg adapter splits a migration script on every ";" and sends the pieces one by one, so
 * a function body (or a comment) holding one broke the migration. Prisma's native engine, which
 * `prisma migrate deploy` runs online, sends each script whole; so does this, as one
 * simple-protocol query, which PostgreSQL also runs as one transaction.
 */
function sendingScriptsWhole(factory: PrismaPg, config: pg.ClientConfig): PrismaPg {
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    adapter.executeScript = async (script: string) => {
      const client = new pg.Client(config);
      await client.connect();
      try {
        await client.query(script);
      } finally {
        await client.end();
      }
    };
    return adapter;
  };
  return factory;
}

async function loadEngine(datamodel: string, connectionString: string): Promise<SchemaEngine> {
  const glue = await engineModule();
  // `pg` prefers connectionString over discrete fields, so pass the URL parsed into fields.
  const url = new URL(connectionString);
  const config = {
    host: url.hostname,
    port: Number(url.port || 5432),
    user: decodeURIComponent(url.username) || undefined,
    password: decodeURIComponent(url.password) || undefined,
    database: url.pathname.slice(1),
  };
  const adapter = bindMigrationAwareSqlAdapterFactory(sendingScriptsWhole(new PrismaPg(config), config));
  const log = (line: string) => {
    if (process.env.SCHEMA_ENGINE_DEBUG) console.error("[schema-engine]", line);
  };
  return glue.SchemaEngine.new({ datamodels: [["schema.prisma", datamodel]] }, log, adapter);
}

async function readMigrationList(): Promise<MigrationList> {
  const entries = (await readdir(migrationsDir, { withFileTypes: true }))
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const migrationDirectories = await Promise.all(
    entries.map(async (name) => ({
      path: name,
      migrationFile: {
        path: "migration.sql",
        content: await readFile(path.join(migrationsDir, name, "migration.sql"), "utf8").then(
          (value) => ({ tag: "ok" as const, value }),
          (err: Error) => ({ tag: "error" as const, value: err.message }),
        ),
      },
    })),
  );
  const lockPath = path.join(migrationsDir, "migration_lock.toml");
  return {
    baseDir: migrationsDir,
    lockfile: { path: "migration_lock.toml", content: await readFile(lockPath, "utf8").catch(() => null) },
    shadowDbInitScript: "",
    migrationDirectories,
  };
}

/** Applies every migration in prisma/migrations not yet recorded in `_prisma_migrations`. */
export async function applyMigrations(databaseUrl: string): Promise<string[]> {
  const engine = await loadEngine(await readFile(schemaPath, "utf8"), databaseUrl);
  try {
    const out = await engine.applyMigrations({ migrationsList: await readMigrationList(), filters: noFilters });
    return out.appliedMigrationNames;
  } finally {
    engine.free();
  }
}

/** SQL that turns a database shaped like `from` into one shaped like `to` ("" when equal). */
export async function diffSchemas(from: string | null, to: string, databaseUrl: string): Promise<string> {
  const engine = await loadEngine(to, databaseUrl);
  try {
    const side = (content: string) => ({
      tag: "schemaDatamodel" as const,
      files: [{ path: "schema.prisma", content }],
    });
    const result = await engine.diff({
      from: from === null ? { tag: "empty" } : side(from),
      to: side(to),
      script: true,
      exitCode: null,
      filters: noFilters,
    });
    const sql = result.stdout ?? "";
    return sql.includes("This is an empty migration") ? "" : sql;
  } finally {
    engine.free();
  }
}
