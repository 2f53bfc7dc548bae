import { expect, test, type Page } from "@playwright/test";
import { answer, startReceiver, type Receiver } from "../tests/webhooks/receiver";
import { shot, signInAsSupport, signInToStore, waitForHydration } from "./helpers";

// Issue 8's walk, on the delivering app (port 3102, retries scaled 48 h → 9 s): an owner reads a
// webhook with mixed results (metrics, chart), filters its log to failures, opens one, reads its
// attempts and resends it; support finds the store, reads the same log with customer data
// masked, resends with a reason, and the audit log shows all of it.

test.skip(!process.env.E2E_DELIVERY_DATABASE_URL, "needs the delivering app on :3102 (npm test -- e2e)");
test.use({ baseURL: "http://localhost:3102" });
test.describe.configure({ mode: "serial" });

let receiver: Receiver;
const path = `/e2e/mixed-${Date.now()}`;
const contacts = Array.from({ length: 6 }, (_, i) => `log-${Date.now()}-${i}@shoppers.test`);
/** Shoppers whose deliveries the receiver refuses (500 every time): the 3rd and the 6th. */
const refused = new Set([contacts[2], contacts[5]]);
let storeId = "";
let failedMessage = "";

test.beforeAll(async () => {
  receiver = await startReceiver();
});
test.afterAll(async () => {
  await receiver?.close();
});

const requestsFor = (contact: string) => receiver.to(path).filter((r) => r.body.includes(contact));

test("an owner reads a webhook with mixed results, filters to the failures, opens one and resends it", async ({ page }) => {
  storeId = await signInToStore(page, "medium-owner@demo.test");
  // The receiver refuses two shoppers' deliveries; it sees the contact in each body.
  receiver.on(path, (res, nth, request) => {
    const refuse = [...refused].some((c) => request.body.includes(c!));
    answer(refuse ? 500 : 200, refuse ? "no thanks" : "ok")(res, nth, request);
  });

  await page.goto(`/s/${storeId}/settings/webhooks`);
  await waitForHydration(page, "form:has(#topic)");
  const form = page.getByRole("region", { name: "Add a webhook" });
  const url = receiver.url(path);
  await form.getByLabel("Topic").selectOption("notification/create");
  await form.getByLabel("URL").fill(url);
  await form.getByRole("button", { name: "Create Webhook" }).click();
  const row = page.getByRole("listitem", { name: `Webhook notification/create → ${url}` });
  await row.getByRole("switch").click();
  await expect(row.getByRole("switch")).toHaveAttribute("aria-checked", "true");

  for (const contact of contacts) {
    const signUp = await page.request.post(`/api/storefront/${storeId}/notifications`, {
      data: { variant_id: "44211925318693", channel: "email", contact },
      headers: { "X-Forwarded-For": `198.51.100.${1 + Math.floor(Math.random() * 250)}` },
    });
    expect(signUp.status(), await signUp.text()).toBe(201);
  }
  // 4 delivered at once; the 2 refused ones run through all 20 attempts (about 9 s scaled).
  await expect.poll(() => contacts.map((c) => requestsFor(c).length), { timeout: 60_000 }).toEqual([1, 1, 20, 1, 1, 20]);

  // The webhook's page: metrics and the chart.
  await row.getByRole("link", { name: "Deliveries and metrics" }).click();
  await page.waitForURL(/\/settings\/webhooks\/wh_[0-9A-Z]{26}$/);
  await expect(page.getByRole("heading", { level: 1, name: url })).toBeVisible();
  await expect(page.getByText("Success rate", { exact: false }).first()).toBeVisible();
  await expect(page.locator(".recharts-wrapper").first()).toBeVisible();
  await shot(page, "webhook-page-metrics");

  // Filter the log to failed deliveries: the URL says so, and the back button undoes it.
  const webhookPage = page.url();
  await waitForHydration(page, 'form:has(#filter-status)');
  await page.getByLabel("Status").selectOption("failed");
  await page.getByRole("button", { name: "Filter" }).click();
  await page.waitForURL(/status=failed/);
  const log = page.getByRole("table", { name: /Deliveries matching the filters/ });
  await expect(log.getByRole("row")).toHaveCount(3); // header + 2
  await shot(page, "webhook-log-failed");
  await page.goBack();
  await expect(page).toHaveURL(webhookPage);
  await page.goForward();
  await page.waitForURL(/status=failed/);

  // Open one: 20 attempts, each failure explained.
  const first = page.getByRole("table", { name: /Deliveries matching the filters/ }).getByRole("link").first();
  failedMessage = (await first.textContent())!;
  await first.click();
  await page.waitForURL(/\/deliveries\/dlv_[0-9A-Z]{26}$/);
  await expect(page.getByRole("heading", { level: 1, name: failedMessage })).toBeVisible();
  const attempts = page.getByRole("region", { name: "Attempts" });
  await expect(attempts.getByRole("listitem")).toHaveCount(20);
  await expect(attempts.getByText("The endpoint answered with a server error (5xx).").last()).toBeVisible();
  await expect(attempts.getByText("x-bis-signature").last()).toBeVisible();
  await expect(attempts.getByText("[redacted]").last()).toBeVisible();
  await shot(page, "delivery-detail-attempts");

  // The endpoint is fixed for this shopper; Resend sends the same message again.
  const contact = [...refused].find((c) => requestsFor(c!).some((r) => r.messageId === failedMessage))!;
  refused.delete(contact);
  await waitForHydration(page, "main button");
  await page.getByRole("button", { name: "Resend" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Resent" })).toBeVisible();
  await expect.poll(() => requestsFor(contact).length, { timeout: 15_000 }).toBe(21);
  expect(requestsFor(contact).at(-1)).toMatchObject({ messageId: failedMessage, attempt: 21 });
  await expect(async () => {
    await page.reload();
    await expect(page.getByText("Succeeded", { exact: true }).first()).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  await shot(page, "delivery-detail-resent");
});

test("support finds the store, reads its log with customer data masked, resends with a reason; the audit log shows it", async ({ page }) => {
  await signInAsSupport(page);
  await page.getByLabel("Search stores").fill("leafy");
  await page.getByRole("button", { name: "Search" }).click();
  await page.getByRole("link", { name: /Leafy Tea Co\./ }).click();
  await page.waitForURL(/\/support\/stores\/sto_[0-9A-Z]+$/);
  await expect(page.getByRole("heading", { name: "Delivery log" })).toBeVisible();
  await waitForHydration(page, 'form:has(#filter-status)');
  await page.getByLabel("Status").selectOption("failed");
  await page.getByRole("button", { name: "Filter" }).click();
  await page.waitForURL(/status=failed/);
  const stillFailed = [...refused][0]!;
  const message = requestsFor(stillFailed)[0]!.messageId;
  await page.getByRole("link", { name: message }).click();
  await page.waitForURL(/\/support\/stores\/sto_[0-9A-Z]+\/deliveries\/dlv_[0-9A-Z]{26}$/);

  // Masked: the shopper's address is not on the page.
  await expect(page.getByRole("heading", { level: 1, name: message })).toBeVisible();
  await expect(page.getByText(stillFailed)).toHaveCount(0);
  await shot(page, "support-delivery-masked");

  // A reason is required to resend; with one, the message goes again.
  receiver.on(path, answer(200, "ok"));
  await waitForHydration(page, "form:has(#resend-reason)");
  await page.getByRole("button", { name: "Resend with reason" }).click();
  await expect(page.getByLabel("Reason (recorded in the audit log)").last()).toHaveAttribute("aria-invalid", "true");
  await page.locator("#resend-reason").fill("Ticket 4711: owner fixed the endpoint");
  await page.getByRole("button", { name: "Resend with reason" }).click();
  await expect(page.getByRole("status").or(page.getByRole("alert")).filter({ hasText: /resent|on its way/i }).first()).toBeVisible();
  await expect.poll(() => requestsFor(stillFailed).length, { timeout: 15_000 }).toBe(21);

  // The audit log has the views and the resend, with the reason.
  await page.getByRole("navigation", { name: "Support" }).getByRole("link", { name: "Audit log" }).click();
  await page.waitForURL(/\/support\/audit/);
  const audit = page.getByRole("table");
  const resent = audit.getByRole("row").filter({ hasText: "delivery.resent" }).first();
  await expect(resent).toContainText("Ticket 4711: owner fixed the endpoint");
  await expect(resent).toContainText("support@demo.test");
  await expect(audit.getByText("support.delivery_viewed").first()).toBeVisible();
  await expect(audit.getByText("support.store_viewed").first()).toBeVisible();
  await shot(page, "support-audit-log");
});

test.afterAll(async ({ browser }) => {
  // Leave the delivering app's store tidy for the next run on a kept database.
  if (!storeId) return;
  const page = await (await browser.newContext()).newPage();
  await signInToStore(page, "medium-owner@demo.test");
  await page.goto(`/s/${storeId}/settings/webhooks`);
  const row = page.getByRole("listitem", { name: `Webhook notification/create → ${receiver.url(path)}` });
  if (await row.count()) await removeWebhook(page, row);
});

async function removeWebhook(page: Page, row: ReturnType<Page["getByRole"]>) {
  await row.getByRole("button", { name: "Delete" }).click();
  await page.getByRole("dialog", { name: "Delete this webhook?" }).getByRole("button", { name: "Delete webhook" }).click();
  await expect(row).toHaveCount(0);
}
