import { expect, test } from "@playwright/test";
import { formAlert, headerPlanBadge, shot, signIn, storeIdOf, storeUrl, waitForHydration } from "./helpers";

test("a merchant signs up, signs out and signs back in", async ({ page }) => {
  const tag = Date.now().toString(36);
  const email = `new-owner-${tag}@shop.test`;
  const password = "a long enough password";
  const storeName = `Fresh Store ${tag}`;

  await page.goto("/sign-up");
  await expect(page.getByRole("heading", { level: 1, name: "Create your account" })).toBeVisible();
  await waitForHydration(page);
  await page.getByLabel("Your name").fill("New Owner");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByLabel("Store name").fill(storeName);
  await page.getByLabel("Store domain").fill(`fresh-${tag}.test`);
  await page.getByRole("button", { name: "Create account" }).click();

  // Signed in straight away, on the new store's dashboard, on the Free plan.
  await page.waitForURL(storeUrl);
  const storeId = page.url().match(storeUrl)![1]!;
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
  await expect(page.getByTestId("store-name")).toHaveText(storeName);
  await expect(headerPlanBadge(page, "Free")).toBeVisible();

  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL(/\/sign-in/);
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();

  // The session is really gone: the store page sends us back to sign in.
  await page.goto(`/s/${storeId}/dashboard`);
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);

  await signIn(page, email, password);
  await page.waitForURL(`**/s/${storeId}/dashboard`);
  await expect(page.getByTestId("store-name")).toHaveText(storeName);
  await expect(headerPlanBadge(page, "Free")).toBeVisible();
});

test("a wrong password is refused with a clear message", async ({ page }) => {
  await signIn(page, "medium-owner@demo.test", "not the password");
  await expect(formAlert(page)).toHaveText("Wrong email or password.");
  await expect(page).toHaveURL(/\/sign-in/);
  // The form is usable again for the next attempt.
  await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
  await shot(page, "sign-in-error");
});

test("store pages need a session, and sign-in returns to the page asked for", async ({ page, browser }) => {
  await page.goto("/s/sto_anything/dashboard");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fs%2Fsto_anything%2Fdashboard$/);
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();

  const leafyId = await storeIdOf(browser, "medium-owner@demo.test", "Leafy Tea Co.");
  await page.goto(`/s/${leafyId}/notifications`);
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
  await waitForHydration(page);
  await page.getByLabel("Email").fill("medium-owner@demo.test");
  await page.getByLabel("Password").fill("demo-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(`**/s/${leafyId}/notifications`);
  await expect(page.getByRole("heading", { level: 1, name: "Notifications" })).toBeVisible();
});
