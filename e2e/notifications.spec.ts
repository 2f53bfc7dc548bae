import { expect, test, type Page } from "@playwright/test";
import { mainNav, shot, signInToStore } from "./helpers";

// Notifications, their payloads, the sent-messages log and the Catalog's Set stock, as the
// Medium store's owner. The e2e database is shared by every spec and reused across a run, so
// nothing here assumes what is still waiting: it looks at the pages and works with that.

const tableRows = (page: Page) => page.getByRole("main").locator("table tbody tr");

test("the notifications page filters by status, channel and product, kept in the URL, with or without JavaScript", async ({ page, browser }) => {
  const storeId = await signInToStore(page, "medium-owner@demo.test");
  await mainNav(page).getByRole("link", { name: "Notifications", exact: true }).click();
  await page.waitForURL(`**/s/${storeId}/notifications`);
  await expect(page.getByRole("heading", { level: 1, name: "Notifications" })).toBeVisible();
  const summary = page.getByRole("navigation", { name: "Notifications per product" });
  await expect(summary.getByRole("link", { name: "Jasmine Green", exact: true })).toBeVisible();
  await expect(tableRows(page).first()).toBeVisible();
  await shot(page, "notifications-list");

  // Status + channel + product, through the labelled form.
  await page.getByLabel("Status", { exact: true }).selectOption("waiting");
  await page.getByLabel("Channel", { exact: true }).selectOption("sms");
  await page.getByLabel("Product", { exact: true }).selectOption({ label: "Jasmine Green" });
  await page.getByRole("button", { name: "Filter" }).click();
  await page.waitForURL(/status=waiting/);
  const url = new URL(page.url());
  expect(url.searchParams.get("status")).toBe("waiting");
  expect(url.searchParams.get("channel")).toBe("sms");
  const jasmine = url.searchParams.get("product")!;
  expect(jasmine).toMatch(/^\d+$/);
  await expect(page.getByLabel("Status", { exact: true })).toHaveValue("waiting");
  await expect(page.getByLabel("Channel", { exact: true })).toHaveValue("sms");
  await expect(page.getByLabel("Product", { exact: true })).toHaveValue(jasmine);
  // Either matching rows only, or the empty state for exactly this combination.
  const count = await tableRows(page).count();
  if (count > 0) {
    for (const row of await tableRows(page).all()) {
      await expect(row).toContainText("Jasmine Green");
      await expect(row).toContainText("Waiting");
      await expect(row).toContainText("SMS");
    }
  } else {
    await expect(page.getByRole("heading", { name: "No waiting SMS notifications for Jasmine Green" })).toBeVisible();
  }
  await shot(page, "notifications-filtered");

  // The summary filters too: "N sent" of a product keeps the channel and sets product + status.
  const blackTeaSent = summary.getByRole("listitem").filter({ hasText: "Black Tea" }).getByRole("link", { name: /sent$/ });
  await blackTeaSent.click();
  await page.waitForURL(/status=sent/);
  const summaryUrl = new URL(page.url());
  expect(summaryUrl.searchParams.get("channel")).toBe("sms");
  expect(summaryUrl.searchParams.get("product")).not.toBe(jasmine);
  await expect(page.getByLabel("Status", { exact: true })).toHaveValue("sent");
  for (const row of await tableRows(page).all()) await expect(row).toContainText("Black Tea");

  // An empty combination says which, and offers to clear the filters.
  await page.goto(`/s/${storeId}/notifications?status=sent&from=2001-01-01&to=2001-01-31`);
  await expect(page.getByRole("heading", { name: "No sent notifications created from 2001-01-01 to 2001-01-31" })).toBeVisible();
  await page.getByRole("main").getByRole("link", { name: "Clear filters" }).last().click();
  await page.waitForURL(`**/s/${storeId}/notifications`);
  await expect(tableRows(page).first()).toBeVisible();

  // Bad values fall back to no filter instead of an error.
  const response = await page.goto(`/s/${storeId}/notifications?status=bogus&channel=fax&product=99999999999999999999&from=2025-02-30&to=x&cursor=%25%25`);
  expect(response?.status()).toBe(200);
  await expect(page.getByLabel("Status", { exact: true })).toHaveValue("");
  await expect(tableRows(page).first()).toBeVisible();

  // The form is a plain GET form: it filters with JavaScript off as well.
  const noJs = await browser.newContext({ javaScriptEnabled: false, storageState: await page.context().storageState() });
  try {
    const plain = await noJs.newPage();
    await plain.goto(`/s/${storeId}/notifications`);
    await plain.getByLabel("Status", { exact: true }).selectOption("waiting");
    await plain.getByLabel("Product", { exact: true }).selectOption({ label: "Jasmine Green" });
    await plain.getByRole("button", { name: "Filter" }).click();
    await plain.waitForURL(/status=waiting/);
    expect(new URL(plain.url()).searchParams.get("product")).toBe(jasmine);
    await expect(plain.getByLabel("Product", { exact: true })).toHaveValue(jasmine);
  } finally {
    await noJs.close();
  }
});

test("setting stock on the Catalog tells the waiting shoppers; their payloads and messages show", async ({ page, context, browser }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const storeId = await signInToStore(page, "medium-owner@demo.test");
  await mainNav(page).getByRole("link", { name: "Catalog", exact: true }).click();
  await page.waitForURL(`**/s/${storeId}/catalog`);
  await expect(page.getByRole("heading", { level: 1, name: "Catalog" })).toBeVisible();
  await expect(mainNav(page).getByRole("link", { name: "Catalog", exact: true })).toHaveAttribute("aria-current", "page");

  // A variant with shoppers waiting, whatever earlier specs or runs restocked (else any variant).
  const variants = page.locator("tr[data-variant-id]");
  await expect(variants.first()).toBeVisible();
  const waitingRows = variants.filter({ has: page.getByRole("link", { name: /^\d+ waiting$/ }) });
  const row = (await waitingRows.count()) > 0 ? waitingRows.first() : variants.first();
  const variantId = (await row.getAttribute("data-variant-id"))!;
  const label = (await row.getAttribute("data-variant-label"))!;
  const [productTitle, variantTitle] = label.split(" · ") as [string, string];

  // One more shopper signs up on the storefront, so this run's notification has both events.
  const contact = `e2e-${Date.now()}@shoppers.test`;
  const signUp = await page.request.post(`/api/storefront/${storeId}/notifications`, {
    data: { variant_id: variantId, channel: "email", contact, quantity_required: 1, customer_language: "en-GB", customer_utc_offset: 3600 },
    // An address of its own, so other specs' sign-ups do not share its rate limit.
    headers: { "X-Forwarded-For": `198.51.100.${1 + Math.floor(Math.random() * 250)}` },
  });
  expect(signUp.status(), await signUp.text()).toBe(201);
  const fresh = String(((await signUp.json()) as { id: number }).id);

  await page.reload();
  const mine = page.locator(`tr[data-variant-id="${variantId}"]`);
  const stock = mine.getByRole("spinbutton", { name: `Stock for ${label}` });
  const before = Number(await stock.inputValue());

  // The waiting link opens the product's waiting notifications, the new one among them.
  await mine.getByRole("link", { name: /^\d+ waiting$/ }).click();
  await page.waitForURL(/status=waiting/);
  await expect(tableRows(page).filter({ hasText: contact })).toContainText(label);
  await page.goBack();
  await expect(stock).toBeVisible();

  // A bad number is refused with a clear message and changes nothing.
  await stock.fill("-5");
  await mine.getByRole("button", { name: "Save" }).click();
  await expect(mine.getByRole("alert")).toHaveText("Stock must be a whole number from 0 to 1,000,000 (no decimals, signs or spaces).");
  await expect(stock).toHaveAttribute("aria-invalid", "true");

  // A rise: enough for every shopper in line.
  const target = before + 1000;
  await stock.fill(String(target));
  await mine.getByRole("button", { name: "Save" }).click();
  const done = mine.getByRole("status");
  await expect(done).toHaveText(new RegExp(`^Stock set to ${target.toLocaleString("en-US")}\\. \\d+ waiting shoppers? will be notified\\.$`));
  const told = Number((await done.textContent())!.match(/\. (\d+) waiting/)![1]);
  expect(told).toBeGreaterThan(0);
  await expect(stock).toHaveValue(String(target));
  await shot(page, "catalog");

  // The restock function runs in the background inside the app: the shoppers become Sent.
  await expect(async () => {
    await page.goto(`/s/${storeId}/notifications/${fresh}`);
    await expect(page.getByRole("heading", { level: 3, name: "notification/sent" })).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  await expect(async () => {
    await page.goto(`/s/${storeId}/catalog`);
    await expect(page.locator(`tr[data-variant-id="${variantId}"]`).getByRole("link", { name: /waiting$/ })).toHaveCount(0, { timeout: 1000 });
  }).toPass({ timeout: 30_000 });

  // Its detail: the exact notification/sent payload, with Copy, and its deliveries.
  await page.goto(`/s/${storeId}/notifications/${fresh}`);
  await expect(page.getByRole("heading", { level: 1, name: `Notification ${fresh}` })).toBeVisible();
  const createPayload = page.getByRole("region", { name: "notification/create" }).getByLabel("notification/create payload", { exact: true });
  await expect(createPayload).toContainText(`"topic": "notification/create",`);
  await expect(createPayload).toContainText(`"email": "${contact}",`);
  await expect(page.getByRole("main").getByText("Sent", { exact: true }).first()).toBeVisible();
  const sentPayload = page.getByRole("region", { name: "notification/sent" }).getByLabel("notification/sent payload", { exact: true });
  await expect(sentPayload).toContainText(`"notification_id": ${fresh},`);
  await expect(sentPayload).toContainText(`"topic": "notification/sent",`);
  await expect(sentPayload).toContainText(`"product_title": "${productTitle}",`);
  await expect(sentPayload).toContainText(`"variant_id": ${variantId},`);
  const payloadText = (await sentPayload.textContent())!;
  const payload = JSON.parse(payloadText) as { customer: { email: string | null } };
  expect(payload.customer.email).toBe(contact);
  // The fields in the documented order (seed 000).
  expect(Object.keys(payload)).toEqual(["notification_id", "topic", "timestamp", "channel", "customer", "quantity_required", "customer_language", "customer_utc_offset", "created_at", "product"]);
  await page.getByRole("button", { name: "Copy the notification/sent payload" }).click();
  await expect(page.getByRole("region", { name: "notification/sent" }).getByRole("status")).toHaveText("The notification/sent payload copied to the clipboard.");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(payloadText);
  const deliveries = page.getByRole("region", { name: "Deliveries" });
  await expect(deliveries.getByText("No deliveries yet — webhooks receive this payload once they are On").or(deliveries.getByRole("table"))).toBeVisible();
  await shot(page, "notification-payload");

  // The messages went out through the embedded transport and are listed, newest first.
  await page.getByRole("link", { name: "All notifications" }).click();
  await page.getByRole("link", { name: "Sent messages" }).click();
  await page.waitForURL(`**/s/${storeId}/notifications/messages`);
  await expect(page.getByRole("heading", { level: 1, name: "Sent messages" })).toBeVisible();
  await expect(tableRows(page).filter({ hasText: contact }).first()).toContainText(`${productTitle} (${variantTitle}) is back in stock`);
  await shot(page, "sent-messages");

  // Another store's notification, by its id under this store, is a 404 like a missing one.
  const other = await browser.newContext();
  let theirs: string;
  try {
    const otherPage = await other.newPage();
    const otherStoreId = await signInToStore(otherPage, "large-owner@demo.test");
    await otherPage.goto(`/s/${otherStoreId}/notifications`);
    theirs = (await tableRows(otherPage).first().getByRole("link", { name: /^Notification \d+$/ }).textContent())!.trim();
  } finally {
    await other.close();
  }
  for (const id of [theirs, "9".repeat(30), "abc"]) {
    const response = await page.goto(`/s/${storeId}/notifications/${id}`);
    expect(response?.status(), id).toBe(404);
  }
});
