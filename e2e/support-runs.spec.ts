import { expect, test, type Page } from "@playwright/test";
import pg from "pg";
import { shot, signInAsSupport, signInToStore, waitForHydration } from "./helpers";

function statusFilters(page: Page) {
  return page.getByRole("navigation", { name: "Filter runs by status" });
}

async function openRuns(page: Page) {
  await signInAsSupport(page);
  const nav = page.getByRole("navigation", { name: "Support" });
  await expect(nav.getByRole("link", { name: "Stores" })).toHaveAttribute("aria-current", "page");
  await nav.getByRole("link", { name: "Runs" }).click();
  await page.waitForURL(/\/support\/runs$/);
  await expect(page.getByRole("heading", { level: 1, name: "Runs" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Runs" })).toHaveAttribute("aria-current", "page");
  await expect(nav.locator('[aria-current="page"]')).toHaveCount(1);
}

test("support sees the runs and filters them by status", async ({ page }) => {
  await openRuns(page);
  const filters = statusFilters(page);
  await expect(filters.getByRole("link", { name: /^All \d+$/ })).toHaveAttribute("aria-current", "page");
  // A fresh database has no runs yet; a long-lived one may. Either way the page says which.
  const table = page.getByRole("table");
  if ((await table.count()) === 0) {
    await expect(page.getByRole("heading", { name: "No runs yet" })).toBeVisible();
    await expect(page.getByText("Runs appear here when events trigger background functions")).toBeVisible();
  } else {
    await expect(table.getByRole("columnheader", { name: "Function" })).toBeVisible();
  }
  await shot(page, "support-runs");

  await filters.getByRole("link", { name: /^Failed \d+$/ }).click();
  await page.waitForURL(/\/support\/runs\?status=failed$/);
  await expect(filters.getByRole("link", { name: /^Failed \d+$/ })).toHaveAttribute("aria-current", "page");
  await expect(filters.locator('[aria-current="page"]')).toHaveCount(1);
  if ((await page.getByRole("table").count()) === 0) {
    await expect(page.getByRole("heading", { name: "No failed runs" })).toBeVisible();
  } else {
    const statuses = page.getByRole("table").getByRole("row").locator("td:nth-child(3)");
    for (const text of await statuses.allInnerTexts()) expect(text).toMatch(/^Failed/);
  }
  await shot(page, "support-runs-failed");

  await filters.getByRole("link", { name: /^All \d+$/ }).click();
  await page.waitForURL(/\/support\/runs$/);
  await expect(filters.getByRole("link", { name: /^All \d+$/ })).toHaveAttribute("aria-current", "page");

  await page.getByRole("link", { name: /Refused events/ }).click();
  await page.waitForURL(/\/support\/runs\/refused$/);
  await expect(page.getByRole("heading", { level: 1, name: "Refused events" })).toBeVisible();
  await shot(page, "support-runs-refused");
});

test("the runs pages fit a phone-sized screen", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openRuns(page);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await shot(page, "mobile-support-runs");
});

test("a store owner cannot open the runs pages", async ({ page }) => {
  await signInToStore(page, "medium-owner@demo.test");
  for (const path of ["/support/runs", "/support/runs?status=failed", "/support/runs/refused", "/support/runs/run_00000000000000000000000000"]) {
    const response = await page.goto(path);
    expect(response?.status(), `${path} should answer 404`).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
    await expect(page.getByRole("heading", { level: 1, name: "Runs" })).toHaveCount(0);
  }
});

// Needs the app's database (set by `npm test -- e2e`) to put a failed run in it.
test("support reads a failed run and re-runs it with a reason", async ({ page }) => {
  test.skip(!process.env.DATABASE_URL, "DATABASE_URL is not set: no database to put a failed run in");
  const tag = Date.now().toString(36).toUpperCase();
  const ids = { fn: `e2e-restock-${tag}`, event: `evt_E2E${tag}`, run: `run_E2E${tag}` };
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL, options: "-c TimeZone=UTC" });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO executor_function (id, app_id, name, url, config, updated_at) VALUES ($1, 'e2e', 'Send restock email (e2e)', 'http://e2e.test/api/inngest', '{}', now())`,
      [ids.fn],
    );
    await client.query(`INSERT INTO "OutboxEvent" (id, name, data, "createdAt", "sentAt") VALUES ($1, 'notification/create', $2, now(), now())`, [
      ids.event,
      JSON.stringify({ notificationId: 42, contact: "shopper@shop.test" }),
    ]);
    await client.query(
      `INSERT INTO executor_run (id, function_id, event_ids, status, attempt, max_attempts, due_at, error, created_at, started_at, ended_at)
       VALUES ($1, $2, ARRAY[$3], 'FAILED', 0, 4, NULL, $4, now() - interval '2 seconds', now() - interval '2 seconds', now())`,
      [ids.run, ids.fn, ids.event, JSON.stringify({ name: "NonRetriableError", message: "The shopper's address bounced" })],
    );
    await client.query(
      `INSERT INTO executor_step (run_id, hashed_id, name, op, seq, data, error, attempts, started_at, ended_at) VALUES
         ($1, 'h1', 'load-notification', 'StepRun', 0, '{"variant":"Black Tea 100 g"}', NULL, 1, now() - interval '2 seconds', now() - interval '1 second'),
         ($1, 'h2', 'send-email', 'StepFailed', 1, NULL, '{"name":"NonRetriableError","message":"The shopper''s address bounced"}', 1, now() - interval '1 second', now())`,
      [ids.run],
    );
  } finally {
    await client.end();
  }

  await openRuns(page);
  await statusFilters(page).getByRole("link", { name: /^Failed \d+$/ }).click();
  await page.waitForURL(/\/support\/runs\?status=failed$/);
  const link = page.getByRole("link", { name: "Send restock email (e2e)" }).first();
  await expect(link).toBeVisible();
  await link.click();
  await page.waitForURL(`**/support/runs/${ids.run}`);
  await expect(page.getByRole("heading", { level: 1, name: "Send restock email (e2e)" })).toBeVisible();
  await expect(page.getByRole("alert").filter({ hasText: "This run failed" })).toContainText("NonRetriableError: The shopper's address bounced");
  await expect(page.getByRole("heading", { level: 3, name: "load-notification" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 3, name: "send-email" })).toBeVisible();
  await expect(page.getByLabel("Output of step load-notification")).toContainText('"variant": "Black Tea 100 g"');
  await expect(page.getByLabel("Error of step send-email")).toContainText("address bounced");
  await expect(page.getByLabel(`Data of event ${ids.event}`)).toContainText('"contact": "shopper@shop.test"');
  await shot(page, "support-run-failed");

  await waitForHydration(page, "dialog form");
  await page.getByRole("button", { name: "Re-run", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Re-run Send restock email (e2e)?" });
  await expect(dialog).toBeVisible();
  // A reason is required.
  await dialog.getByRole("button", { name: "Confirm re-run" }).click();
  const reason = dialog.getByLabel("Reason (recorded in the audit log)");
  await expect(reason).toHaveAttribute("aria-invalid", "true");
  await expect(reason).toHaveAccessibleDescription("Say why the run is re-run");
  await shot(page, "support-run-rerun-dialog");

  await reason.fill("The shopper fixed their address");
  await dialog.getByRole("button", { name: "Confirm re-run" }).click();
  await page.waitForURL((url) => /\/support\/runs\/run_[0-9A-Z]+$/.test(url.pathname) && !url.pathname.endsWith(ids.run));
  await expect(page.getByRole("link", { name: ids.run })).toBeVisible(); // "Re-run of"
  await shot(page, "support-run-rerun");
});
