import { expect, test, type Page } from "@playwright/test";
import { answer, startReceiver, type Receiver } from "../tests/webhooks/receiver";
import { mainNav, shot, signInToStore, waitForHydration } from "./helpers";

// Deliveries to a real receiver from a person's point of view, on the third app (port 3102:
// WEBHOOKS_ALLOW_INSECURE_URLS=1, retry schedule scaled from 48 h to about 9 s). The receiver
// runs here, on http://127.0.0.1, and checks X-BIS-Signature and the Standard Webhooks
// signature with the API key the owner reveals on Account → API.

test.skip(!process.env.E2E_DELIVERY_DATABASE_URL, "needs the delivering app on :3102 (npm test -- e2e)");
test.use({ baseURL: "http://localhost:3102" });
test.describe.configure({ mode: "serial" });

let receiver: Receiver;
let storeId = "";
test.beforeAll(async () => {
  receiver = await startReceiver();
});
test.afterAll(async () => {
  await receiver?.close();
});

const item = (page: Page, url: string) => page.getByRole("listitem", { name: `Webhook notification/create → ${url}` });

/** Signs in as the Medium owner and gives the receiver the store's API key (revealed on Account → API). */
async function signInAndShareKey(page: Page) {
  storeId = await signInToStore(page, "medium-owner@demo.test");
  await page.goto(`/s/${storeId}/account/api`);
  await waitForHydration(page, 'button[aria-controls="api-key"]');
  await page.getByRole("button", { name: "Reveal" }).click();
  const key = page.getByRole("textbox", { name: "API key" });
  await expect(key).toHaveValue(/.{20,}/);
  receiver.useKey(await key.inputValue());
}

async function createWebhook(page: Page, url: string) {
  await page.goto(`/s/${storeId}/settings/webhooks`);
  await waitForHydration(page, "form:has(#topic)");
  const form = page.getByRole("region", { name: "Add a webhook" });
  await form.getByLabel("Topic").selectOption("notification/create");
  await form.getByLabel("URL").fill(url);
  await form.getByRole("button", { name: "Create Webhook" }).click();
  await expect(item(page, url)).toBeVisible();
  return item(page, url);
}

test("Send test payload reaches a real receiver and shows its answer within 6 s", async ({ page }) => {
  await signInAndShareKey(page);
  const url = receiver.url(`/e2e/test-${Date.now()}`);
  const row = await createWebhook(page, url);
  await expect(page.getByText("Insecure webhook URLs are allowed")).toBeVisible();

  const clicked = Date.now();
  await row.getByRole("button", { name: "Send test payload" }).click();
  await expect(row.getByRole("status")).toContainText("Test payload delivered: 200 in", { timeout: 6_000 });
  expect(Date.now() - clicked).toBeLessThan(6_000);
  await expect(row.getByRole("status")).toContainText("Response: ok");
  await shot(page, "webhook-test-payload-delivered");

  const [request] = receiver.to(new URL(url).pathname);
  expect(request).toMatchObject({ bisSignatureValid: true, standardSignatureValid: true, attempt: 1 });
  expect(JSON.parse(request!.body)).toMatchObject({ test: true, topic: "notification/create" });
  await removeWebhook(page, url);
});

test("19 failures in a row deactivate the webhook: email and dashboard banner; re-enabled, it delivers again", async ({ page }) => {
  await signInAndShareKey(page);
  const path = `/e2e/down-${Date.now()}`;
  const url = receiver.url(path);
  receiver.on(path, answer(500, "down for maintenance"));
  const row = await createWebhook(page, url);
  await row.getByRole("switch").click();
  await expect(row.getByRole("switch")).toHaveAttribute("aria-checked", "true");

  // A shopper signs up on the storefront: a notification/create event for the webhook.
  const contact = `deactivation-${Date.now()}@shoppers.test`;
  const signUp = await page.request.post(`/api/storefront/${storeId}/notifications`, {
    data: { variant_id: "44211925318693", channel: "email", contact },
    headers: { "X-Forwarded-For": `198.51.100.${1 + Math.floor(Math.random() * 250)}` },
  });
  expect(signUp.status(), await signUp.text()).toBe(201);

  // 19 attempts over the (scaled) schedule, then the dashboard names the webhook, reason, last error and time.
  await mainNav(page).getByRole("link", { name: "Dashboard", exact: true }).click();
  await page.waitForURL(`**/s/${storeId}/dashboard`);
  const banner = page.getByRole("alert").filter({ hasText: `Webhook deactivated: ${url}` });
  await expect(async () => {
    await page.reload();
    await expect(banner).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 60_000 });
  await expect(banner).toContainText("19 deliveries in a row failed and none succeeded in the last 24 hours.");
  await expect(banner).toContainText("Last error: The endpoint answered 500.");
  await expect(banner).toContainText("Deactivated");
  await shot(page, "dashboard-webhook-deactivated");
  // The banner leads to the webhook's own page: the same notice, the failures in its log.
  await banner.getByRole("link", { name: "Review its deliveries and re-enable it" }).click();
  await page.waitForURL(/\/settings\/webhooks\/wh_[0-9A-Z]{26}$/);
  const notice = page.getByRole("alert").filter({ hasText: "19 deliveries in a row failed" });
  await expect(notice).toBeVisible();
  await expect(notice).toContainText("Last error: The endpoint answered 500.");
  // Its delivery: 19 attempts, each answered 500 (it stops, failed, when its last retry comes due).
  await expect(page.getByRole("table", { name: /Deliveries/ }).getByRole("row").filter({ hasText: /19\s*500/ })).toBeVisible();
  await shot(page, "webhook-page-deactivated");
  const attempts = receiver.to(path);
  expect(attempts).toHaveLength(19);
  expect(attempts.every((r) => r.bisSignatureValid && r.standardSignatureValid && r.messageId === attempts[0]!.messageId)).toBe(true);

  // The owner was emailed the warning (at 10) and the deactivation (through the mail transport).
  await page.goto(`/s/${storeId}/notifications/messages`);
  await expect(page.getByText(`Webhook deactivated: ${url}`)).toBeVisible();
  await expect(page.getByText(`Webhook failing: ${url}`)).toBeVisible();

  // Fixed endpoint; the owner switches it On, and resends what failed while it was down.
  receiver.on(path, answer(200, "ok"));
  await page.goto(`/s/${storeId}/settings/webhooks`);
  const deactivated = item(page, url);
  await expect(deactivated.getByRole("alert")).toContainText("Deactivated");
  await expect(deactivated.getByRole("alert")).toContainText("you can then resend what failed (1 delivery)");
  await shot(page, "webhooks-deactivated-row");
  await waitForHydration(page, "form:has(#topic)");
  await deactivated.getByRole("switch").click();
  await expect(deactivated.getByRole("switch")).toHaveAttribute("aria-checked", "true");
  await expect(deactivated.getByText("1 delivery failed since")).toBeVisible();
  await deactivated.getByRole("button", { name: "Resend failed" }).click();
  const dialog = page.getByRole("dialog", { name: "Resend 1 delivery?" });
  await dialog.getByRole("button", { name: "Resend 1 delivery" }).click();
  await expect(page.getByRole("status").filter({ hasText: "1 delivery is on its way again." })).toBeVisible();
  await expect.poll(() => receiver.to(path).length, { timeout: 15_000 }).toBe(20);
  expect(receiver.to(path)[19]).toMatchObject({ messageId: attempts[0]!.messageId, attempt: 20, bisSignatureValid: true });
  await expect(deactivated.getByText("1 delivery failed since")).toHaveCount(0);
  await shot(page, "webhooks-reenabled-resent");

  await removeWebhook(page, url);
});

/** Deletes (confirmed) so runs against a kept database do not pile up webhooks. */
async function removeWebhook(page: Page, url: string) {
  await item(page, url).getByRole("button", { name: "Delete" }).click();
  await page.getByRole("dialog", { name: "Delete this webhook?" }).getByRole("button", { name: "Delete webhook" }).click();
  await expect(item(page, url)).toHaveCount(0);
}
