// Which PostgreSQL to use: DATABASE_URL when set, else the embedded server with database `bis`.
import pg from "pg";
import { embeddedUrl, startEmbeddedPostgres } from "./embedded-postgres";

export async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const database = decodeURIComponent(target.pathname.slice(1));
  target.pathname = "/postgres";
  const admin = new pg.Client({ connectionString: target.toString() });
  await admin.connect();
  try {
    const { rowCount } = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (!rowCount) await admin.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
  } finally {
    await admin.end();
  }
}

export async function resolveDatabaseUrl(log: (line: string) => void = console.log) {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, embedded: false, stop: async () => {} };
  const server = await startEmbeddedPostgres(log);
  const url = embeddedUrl("bis");
  await ensureDatabase(url);
  return { url, embedded: true, stop: server.stop };
}
