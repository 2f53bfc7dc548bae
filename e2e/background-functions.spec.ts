import { expect, test } from "@playwright/test";
import pg from "pg";
import { embeddedKeys } from "@/lib/executor/client-options";
import { EmbeddedExecutor } from "@/lib/executor/executor";
import { insertEvents } from "@/lib/executor/store";
import { httpTransport } from "@/lib/executor/transport";
import { shot, signInAsSupport } from "./helpers";

// The app's real background function (delivery-log retention) run by the executor inside
// `next start`, and by an executor outside it calling /api/inngest over HTTP as Inngest does.
const functionId = "back-in-stock-delete-expired-deliveries";
const day = 86_400_000;

/** Puts a webhook with a 2-day-old and a 20-day-old delivery on the Medium demo store (7-day log). */
async function oldAndRecentDeliveries(db: pg.Client, tag: string) {
  const { rows } = await db.query<{ id: string }>(`SELECT id FROM "Store" WHERE domain = 'leafy-tea.test'`);
  const storeId = rows[0]?.id;
  if (!storeId) return null;
  const webhookId = `wh_E2E${tag}`;
  await db.query(
    `INSERT INTO "Webhook" (id, "storeId", topic, url, "updatedAt") VALUES ($1, $2, 'notification/create', $3, now())`,
    [webhookId, storeId, `https://hooks.example.dev/e2e-${tag}`],
  );
  const ids = { recent: `dlv_E2ERECENT${tag}`, old: `dlv_E2EOLD${tag}` };
  for (const [id, age] of [[ids.recent, 2], [ids.old, 20]] as const) {
    await db.query(
      `INSERT INTO "Delivery" (id, "messageId", "storeId", "webhookId", topic, body, "createdAt", "updatedAt")
       VALUES ($1, $2, $3, $4, 'notification/create', '{}', $5, now())`,
      [id, `msg_${id}`, storeId, webhookId, new Date(Date.now() - age * day)],
    );
  }
  return ids;
}

async function waitForRun(db: pg.Client, eventId: string) {
  for (const deadline = Date.now() + 30_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 100))) {
    const { rows } = await db.query<{ id: string; status: string; output: unknown }>(
      `SELECT id, status, output FROM executor_run WHERE function_id = $1 AND $2 = ANY(event_ids)`,
      [functionId, eventId],
    );
    if (rows[0] && (rows[0].status === "COMPLETED" || rows[0].status === "FAILED")) return rows[0];
  }
  throw new Error(`no finished run of ${functionId} for ${eventId}`);
}

test("the executor inside next start runs the retention job when asked", async ({ page }) => {
  test.skip(!process.env.DATABASE_URL, "needs the app's database (npm test -- e2e)");
  const db = new pg.Client({ connectionString: process.env.DATABASE_URL, options: "-c TimeZone=UTC" });
  await db.connect();
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 1 });
  try {
    const ids = await oldAndRecentDeliveries(db, Date.now().toString(36).toUpperCase());
    expect(ids, "the Medium demo store exists").not.toBeNull();
    const [eventId] = await insertEvents(pool, [{ name: "maintenance/delivery-retention.requested", data: { reason: "e2e: retention on request" } }]);
    const run = await waitForRun(db, eventId!);
    expect(run.status).toBe("COMPLETED");
    const { rows } = await db.query<{ id: string }>(`SELECT id FROM "Delivery" WHERE id = ANY($1)`, [[ids!.recent, ids!.old]]);
    expect(rows.map((r) => r.id)).toEqual([ids!.recent]);

    // The demo store keeps no test webhook (the webhooks walk expects an empty list).
    await db.query(`DELETE FROM "Webhook" WHERE id LIKE 'wh_E2E%'`);

    await signInAsSupport(page);
    await page.goto(`/support/runs/${run.id}`);
    await expect(page.getByRole("heading", { level: 1, name: "Delete expired deliveries" })).toBeVisible();
    await expect(page.getByRole("heading", { level: 3, name: "delete-medium-1" })).toBeVisible();
    await shot(page, "support-run-retention");
  } finally {
    await db.end();
    await pool.end();
  }
});

test("an executor outside the app drives next start over real HTTP", async () => {
  const databaseUrl = process.env.E2E_HTTP_DATABASE_URL;
  test.skip(!databaseUrl || !process.env.AUTH_SECRET, "needs the second app (npm test -- e2e)");
  const executor = new EmbeddedExecutor({
    databaseUrl: databaseUrl!,
    transport: httpTransport(),
    serveUrl: "http://localhost:3101/api/inngest",
    signingKey: embeddedKeys(process.env.AUTH_SECRET!).signingKey,
    log: () => {},
  });
  const db = new pg.Client({ connectionString: databaseUrl, options: "-c TimeZone=UTC" });
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  await db.connect();
  try {
    await executor.start(); // PUT /api/inngest over HTTP: the app registers its functions
    const { rows: fns } = await db.query<{ url: string }>(`SELECT url FROM executor_function WHERE id = $1`, [functionId]);
    expect(fns[0]?.url).toMatch(/^http:\/\/localhost:3101\/api\/inngest\?fnId=/);

    const [eventId] = await insertEvents(pool, [{ name: "maintenance/delivery-retention.requested", data: { reason: "e2e over HTTP" } }]);
    const run = await waitForRun(db, eventId!);
    expect(run.status).toBe("COMPLETED");
    expect(run.output).toEqual({ deleted: { FREE: 0, SMALL: 0, MEDIUM: 0, LARGE: 0, ENTERPRISE: 0 } });
    // Each step ran once, recorded through the app's checkpoint calls.
    const { rows: steps } = await db.query<{ name: string; attempts: number }>(`SELECT name, attempts FROM executor_step WHERE run_id = $1 ORDER BY seq`, [run.id]);
    expect(steps.map((s) => s.name)).toEqual(["delete-free-1", "delete-small-1", "delete-medium-1", "delete-large-1", "delete-enterprise-1"]);
    expect(steps.every((s) => s.attempts === 1)).toBe(true);
  } finally {
    await executor.stop();
    await db.end();
    await pool.end();
  }
});
