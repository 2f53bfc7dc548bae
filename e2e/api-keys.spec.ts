import { expect, test, type Page } from "@playwright/test";
import { mainNav, shot, signInToStore, waitForHydration } from "./helpers";

// Account → API on the Medium demo store. The owner rotates the key here; the demo store stays
// usable for the other specs (a new current key, the previous one still valid for 24 hours).

const apiKeyPattern = /^bis_live_[A-Za-z0-9_-]{43}$/;

async function openApiPage(page: Page, email: string) {
  const storeId = await signInToStore(page, email);
  await mainNav(page).getByRole("link", { name: "Account → API", exact: true }).click();
  await page.waitForURL(`**/s/${storeId}/account/api`);
  await expect(page.getByRole("heading", { level: 1, name: "API", exact: true })).toBeVisible();
  // The buttons act through React: wait until it has hydrated them.
  await waitForHydration(page, 'button[aria-controls="api-key"]');
  return storeId;
}

async function reveal(page: Page): Promise<string> {
  await page.getByRole("button", { name: "Reveal" }).click();
  const field = page.getByRole("textbox", { name: "API key" });
  await expect(field).toHaveValue(apiKeyPattern);
  return field.inputValue();
}

function whsec(apiKey: string) {
  return "whsec_" + Buffer.from(apiKey, "utf8").toString("base64");
}

test("the owner reveals, copies and rotates the API key; the previous key is listed with its expiry", async ({ page, context, baseURL }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL });
  await openApiPage(page, "medium-owner@demo.test");

  // Masked by default: the prefix, eight dots and the last four; no secret in the page.
  const masked = page.getByTestId("masked-api-key");
  await expect(masked).toHaveText(/^bis_live_•{8}[A-Za-z0-9_-]{4}$/);
  const oldLastFour = (await masked.textContent())!.slice(-4);
  expect(await page.content()).not.toMatch(/bis_live_[A-Za-z0-9_-]{43}/);
  await shot(page, "api-key-masked");

  // Reveal shows the key, and its Standard Webhooks secret with it.
  const oldKey = await reveal(page);
  expect(oldKey.endsWith(oldLastFour)).toBe(true);
  await expect(page.getByRole("textbox", { name: "Standard Webhooks secret" })).toHaveValue(whsec(oldKey));
  await expect(page.getByRole("button", { name: "Hide" })).toBeVisible();
  await shot(page, "api-key-revealed");

  // Hide again: masked, the secret gone from the page.
  await page.getByRole("button", { name: "Hide" }).click();
  await expect(masked).toBeVisible();
  await expect(page.getByRole("textbox", { name: "API key" })).toHaveCount(0);
  expect(await page.content()).not.toContain(oldKey);

  // Copy works while hidden (it reveals to the clipboard only) and confirms.
  await page.getByRole("button", { name: "Copy API key" }).click();
  await expect(page.getByRole("button", { name: "Copied API key" })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "API key copied to the clipboard." })).toBeAttached();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(oldKey);
  await expect(masked).toBeVisible();
  await shot(page, "api-key-copied");

  // Rotate asks first, says what happens to the old key, and starts on Cancel.
  await page.getByRole("button", { name: "Rotate key…" }).click();
  const dialog = page.getByRole("dialog", { name: "Rotate the API key?" });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("keeps working for 24 hours");
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
  await shot(page, "api-key-rotate-dialog");
  // Escape closes it without rotating.
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("button", { name: "Rotate key…" })).toBeFocused();
  await expect(masked).toHaveText(`bis_live_••••••••${oldLastFour}`);

  await page.getByRole("button", { name: "Rotate key…" }).click();
  await dialog.getByRole("button", { name: "Rotate key" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("status").filter({ hasText: "New API key issued." })).toBeVisible();
  await expect(masked).not.toHaveText(`bis_live_••••••••${oldLastFour}`);
  const previous = page.getByTestId("previous-api-key").filter({ hasText: `••••${oldLastFour}` });
  await expect(previous).toContainText(new RegExp(`Previous key ••••${oldLastFour} valid until .+`));
  // 24 hours from now, give or take the clock: the <time> carries the instant.
  const validUntil = Date.parse((await previous.locator("time").getAttribute("datetime"))!);
  expect(Math.abs(validUntil - (Date.now() + 24 * 3_600_000))).toBeLessThan(10 * 60_000);

  const newKey = await reveal(page);
  expect(newKey).not.toBe(oldKey);
  await expect(page.getByRole("textbox", { name: "Standard Webhooks secret" })).toHaveValue(whsec(newKey));
  await shot(page, "api-key-rotated");
});

test("a member can reveal the key but is not offered Rotate", async ({ page }) => {
  await openApiPage(page, "medium-member@demo.test");
  await expect(page.getByText("Only the store owner can rotate the API key.")).toBeVisible();
  await expect(page.getByRole("button", { name: /Rotate/ })).toHaveCount(0);
  const key = await reveal(page);
  await expect(page.getByTestId("masked-api-key")).toHaveCount(0);
  expect(key).toMatch(apiKeyPattern);
  await shot(page, "api-key-member");
});

test("when the browser refuses the clipboard, Copy shows the key selected and says how to copy it", async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(navigator, "clipboard", { value: { writeText: () => Promise.reject(new DOMException("Denied", "NotAllowedError")) } });
  });
  await openApiPage(page, "medium-member@demo.test");
  await page.getByRole("button", { name: "Copy API key" }).click();
  await expect(page.getByRole("status").filter({ hasText: "did not allow copying" }).first()).toBeVisible();
  const field = page.getByRole("textbox", { name: "API key" });
  await expect(field).toHaveValue(apiKeyPattern);
  await expect(field).toBeFocused();
  const selected = await field.evaluate((el: HTMLInputElement) => el.value.slice(el.selectionStart ?? 0, el.selectionEnd ?? 0));
  expect(selected).toBe(await field.inputValue());
  await shot(page, "api-key-copy-fallback");
});

test("the API page fits a phone-sized screen, snippets included", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openApiPage(page, "medium-owner@demo.test");
  await reveal(page);
  const tabs = page.getByRole("tablist", { name: "Language" });
  await tabs.getByRole("tab", { name: "Ruby" }).click();
  await expect(page.getByRole("tabpanel")).toContainText("OpenSSL.secure_compare");
  // Arrow keys move between languages.
  await page.keyboard.press("ArrowRight");
  await expect(tabs.getByRole("tab", { name: "Python" })).toHaveAttribute("aria-selected", "true");
  await expect(page.getByRole("tabpanel")).toContainText("hmac.compare_digest");
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await shot(page, "mobile-account-api");
});
