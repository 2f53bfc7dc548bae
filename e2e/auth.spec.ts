import { expect, test } from "@playwright/test";
import { formAlert, shot, signIn } from "./helpers";

test("a merchant signs up, signs out and signs back in", async ({ page }) => {
  const tag = Date.now().toString(36);
  const email = `new-owner-${tag}@shop.test`;
  await page.goto("/sign-up");
  await page.getByLabel("Your name").fill("New Owner");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("a long enough password");
  await page.getByLabel("Store name").fill(`Fresh Store ${tag}`);
  await page.getByLabel("Store domain").fill(`fresh-${tag}.test`);
  await page.getByRole("button", { name: "Create account" }).click();

  await page.waitForURL(/\/s\/sto_[0-9A-Z]+\/dashboard$/);
  await expect(page.getByTestId("store-name")).toHaveText(`Fresh Store ${tag}`);
  await expect(page.getByText("Free plan")).toBeVisible();

  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL(/\/sign-in/);

  await signIn(page, email, "a long enough password");
  await page.waitForURL(/\/dashboard$/);
  await expect(page.getByTestId("store-name")).toHaveText(`Fresh Store ${tag}`);
});

test("a wrong password is refused with a clear message", async ({ page }) => {
  await signIn(page, "medium-owner@demo.test", "not the password");
  await expect(formAlert(page)).toHaveText("Wrong email or password.");
  await expect(page).toHaveURL(/\/sign-in/);
  await shot(page, "sign-in-error");
});

test("store pages need a session", async ({ page }) => {
  await page.goto("/s/sto_anything/dashboard");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fs%2Fsto_anything%2Fdashboard/);
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await shot(page, "sign-in");
});
