import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import pg from "pg";
import { diffSchemas, schemaPath, snapshotPath } from "./schema-engine";

describe("migrations", () => {
  it("cover every change in prisma/schema.prisma (run `npm run db:migrate:new -- <name>` if this fails)", async () => {
    const sql = await diffSchemas(await readFile(snapshotPath, "utf8"), await readFile(schemaPath, "utf8"), process.env.DATABASE_URL!);
    expect(sql).toBe("");
  });

  it("were applied to the test database and recorded for `prisma migrate deploy`", async () => {
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    const { rows } = await client.query('SELECT migration_name, finished_at FROM "_prisma_migrations"');
    const indexes = await client.query("SELECT indexname FROM pg_indexes WHERE tablename = 'Delivery'");
    await client.end();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.finished_at !== null)).toBe(true);
    expect(indexes.rows.map((r) => r.indexname)).toContain("Delivery_webhookId_createdAt_id_idx");
  });
});
