// A fresh PostgreSQL database per test run: on DATABASE_URL's server when set, else on
// 127.0.0.1:5432 when it answers, else on the embedded server. Migrated, ready to use.
import pg from "pg";
import { answers, embeddedUrl, startEmbeddedPostgres } from "./embedded-postgres";
import { applyMigrations } from "./schema-engine";

async function serverUrl(): Promise<{ adminUrl: string; stop: () => Promise<void> }> {
  if (process.env.DATABASE_URL) {
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = "/postgres";
    return { adminUrl: url.toString(), stop: async () => {} };
  }
  const local = "postgresql://postgres@127.0.0.1:5432/postgres";
  if (await answers(local)) return { adminUrl: local, stop: async () => {} };
  const server = await startEmbeddedPostgres();
  return { adminUrl: embeddedUrl("postgres"), stop: server.stop };
}

export async function createTestDatabase(label: string) {
  const { adminUrl, stop } = await serverUrl();
  const name = `bis_${label}_${Date.now()}_${process.pid}`.toLowerCase().replace(/[^a-z0-9_]/g, "_");
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  await applyMigrations(url.toString());
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
      await stop();
    },
  };
}
