// `npm run dev` / `npm start`: everything the app needs on one machine, then Next.js.
// DATABASE_URL unset → the embedded PostgreSQL starts (data in .data/postgres). Migrations
// are applied; demo data is seeded into an empty database in dev (and in start when the
// database is embedded or SEED_DEMO_DATA=1).
import { spawn } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { z } from "zod";
import { resolveDatabaseUrl } from "./db/database-url";
import { applyMigrations, projectRoot } from "./db/schema-engine";
import { applyLocalSecrets } from "./local-env";

const mode = z.enum(["dev", "start"]).parse(process.argv[2]);
const port = z.coerce.number().int().positive().parse(process.env.PORT ?? 3000);
const log = (line: string) => console.log(`[bis] ${line}`);

const filled = applyLocalSecrets();
if (filled.length && mode === "start") log(`Using locally generated ${filled.join(", ")} from .data/secrets.json (set them in production).`);
process.env.APP_URL ??= `http://localhost:${port}`;
process.env.NEXTAUTH_URL ??= process.env.APP_URL;
process.env.NEXT_TELEMETRY_DISABLED ??= "1";

const database = await resolveDatabaseUrl(log);
process.env.DATABASE_URL = database.url;
const applied = await applyMigrations(database.url);
log(applied.length ? `Applied migrations: ${applied.join(", ")}` : "Database schema is up to date.");

if (mode === "dev" || database.embedded || process.env.SEED_DEMO_DATA === "1") {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  const { rows } = await client.query<{ n: string }>('SELECT count(*) AS n FROM "User"');
  await client.end();
  if (rows[0]?.n === "0") {
    log("Empty database: seeding demo data (see README for the sign-ins) …");
    await run(process.execPath, [path.join(projectRoot, "node_modules/tsx/dist/cli.mjs"), "--conditions=react-server", "prisma/seed.ts"]);
  }
}

const next = spawn(process.execPath, [path.join(projectRoot, "node_modules/next/dist/bin/next"), mode, "-p", String(port)], {
  cwd: projectRoot,
  stdio: "inherit",
  env: process.env,
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => next.kill(signal));
next.on("exit", async (code) => {
  await database.stop().catch(() => {});
  process.exit(code ?? 0);
});

function run(cmd: string, args: string[]) {
  return new Promise<void>((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: projectRoot, stdio: "inherit", env: process.env });
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${args.at(-1)} exited with ${code}`))));
  });
}
