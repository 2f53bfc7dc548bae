import { expect, test, type Page } from "@playwright/test";
import { mainNav, shot, signInToStore, waitForHydration } from "./helpers";

// The seed's flow on a Medium store: Settings → Webhooks → choose topic → enter URL → Create
// Webhook → it appears Off → switch it On → still On after a reload → edit → delete (confirmed).

const item = (page: Page, url: string) => page.getByRole("listitem", { name: new RegExp(`→ ${url.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}$`) });

async function create(page: Page, topic: string, url: string) {
  const form = page.getByRole("region", { name: "Add a webhook" });
  await form.getByLabel("Topic").selectOption(topic);
  await form.getByLabel("URL").fill(url);
  await form.getByRole("button", { name: "Create Webhook" }).click();
}

async function removeWebhook(page: Page, url: string) {
  const row = item(page, url);
  await row.getByRole("button", { name: "Delete" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete this webhook?" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Delete webhook" }).click();
  await expect(row).toHaveCount(0);
}

test("a Medium store owner creates, switches on, edits and deletes webhooks", async ({ page }) => {
  const storeId = await signInToStore(page, "medium-owner@demo.test");
  await mainNav(page).getByRole("link", { name: "Settings → Webhooks", exact: true }).click();
  await page.waitForURL(`**/s/${storeId}/settings/webhooks`);
  await expect(page.getByRole("heading", { level: 1, name: "Webhooks" })).toBeVisible();
  await expect(page.getByText("No webhooks yet")).toBeVisible();
  await expect(page.getByText("0 of 10 webhooks used on the Medium plan.")).toBeVisible();
  await shot(page, "webhooks-empty");

  // Bad input gets the rule's message on the field, and nothing is created.
  await waitForHydration(page, "form:has(#topic)");
  await create(page, "notification/create", "https://127.0.0.1/hooks");
  const url = page.getByRole("region", { name: "Add a webhook" }).getByLabel("URL");
  await expect(url).toHaveAttribute("aria-invalid", "true");
  await expect(url).toHaveAccessibleDescription(/private|loopback|reserved/i);
  await shot(page, "webhooks-validation-error");
  await create(page, "notification/create", "http://shop.com/hooks");
  await expect(url).toHaveAccessibleDescription(/https/i);
  await expect(page.getByText("No webhooks yet")).toBeVisible();

  // Create: it appears Off.
  const first = "https://hooks.leafy-tea.dev/bis/sent";
  await create(page, "notification/sent", first);
  await expect(page.getByRole("status").filter({ hasText: "Webhook created." })).toBeVisible();
  const row = item(page, first);
  await expect(row).toBeVisible();
  const toggle = row.getByRole("switch");
  await expect(toggle).toHaveAttribute("aria-checked", "false");
  await expect(row.getByText("Off", { exact: true }).first()).toBeVisible();
  await expect(row.getByText("No deliveries yet")).toBeVisible();
  // A test payload goes out at once, even while Off; this host does not exist, and the row says so.
  await row.getByRole("button", { name: "Send test payload" }).click();
  await expect(row.getByRole("status")).toContainText("Test payload failed", { timeout: 20_000 });

  // Switch it On; it stays On after a reload.
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-checked", "true");
  await expect(row.getByText("Active")).toBeVisible();
  await page.waitForTimeout(300); // let the server answer before reloading
  await page.reload();
  await expect(item(page, first).getByRole("switch")).toHaveAttribute("aria-checked", "true");

  // Two more, and a duplicate that is refused.
  await waitForHydration(page, "form:has(#topic)");
  await create(page, "notification/create", "https://hooks.leafy-tea.dev/bis/create");
  await expect(item(page, "https://hooks.leafy-tea.dev/bis/create")).toBeVisible();
  await create(page, "notification/*", "https://crm.leafy-tea.dev/webhooks");
  await expect(item(page, "https://crm.leafy-tea.dev/webhooks")).toBeVisible();
  await create(page, "notification/sent", first);
  await expect(url).toHaveAccessibleDescription("A webhook for this topic and URL already exists.");
  await expect(page.getByText("3 of 10 webhooks used on the Medium plan.")).toBeVisible();
  await shot(page, "webhooks-three");

  // Edit the first one's URL.
  const edited = "https://hooks.leafy-tea.dev/bis/sent-v2";
  await item(page, first).getByRole("button", { name: "Edit" }).click();
  const editForm = page.getByRole("form", { name: "Edit webhook" });
  await editForm.getByLabel("URL").fill(edited);
  await editForm.getByRole("button", { name: "Save" }).click();
  await expect(item(page, edited)).toBeVisible();
  await expect(item(page, first)).toHaveCount(0);
  await expect(item(page, edited).getByRole("switch")).toHaveAttribute("aria-checked", "true");

  // Delete asks first; Cancel keeps it.
  await item(page, edited).getByRole("button", { name: "Delete" }).click();
  await page.getByRole("dialog", { name: "Delete this webhook?" }).getByRole("button", { name: "Cancel" }).click();
  await expect(item(page, edited)).toBeVisible();
  await removeWebhook(page, edited);
  await expect(page.getByRole("status").filter({ hasText: "Webhook deleted." })).toBeVisible();
  for (const u of ["https://hooks.leafy-tea.dev/bis/create", "https://crm.leafy-tea.dev/webhooks"]) await removeWebhook(page, u);
  // The last one gone, the page is back to its empty state (also after a reload).
  await expect(page.getByText("No webhooks yet")).toBeVisible();
  await page.reload();
  await expect(page.getByText("No webhooks yet")).toBeVisible();
});

test("a member manages webhooks too; the page fits a phone", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const storeId = await signInToStore(page, "medium-member@demo.test");
  await page.goto(`/s/${storeId}/settings/webhooks`);
  await waitForHydration(page, "form:has(#topic)");
  const url = "https://hooks.leafy-tea.dev/member";
  await create(page, "notification/create", url);
  await expect(item(page, url)).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await shot(page, "mobile-webhooks");
  await removeWebhook(page, url);
});
