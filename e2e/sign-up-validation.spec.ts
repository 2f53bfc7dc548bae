import { expect, test } from "@playwright/test";
import { formAlert, shot, signIn } from "./helpers";

async function fillSignUp(page: import("@playwright/test").Page, values: Record<string, string>) {
  await page.goto("/sign-up");
  const labels: Record<string, string> = { name: "Your name", email: "Email", password: "Password", storeName: "Store name", storeDomain: "Store domain" };
  for (const [field, value] of Object.entries(values)) await page.getByLabel(labels[field]!).fill(value);
  await page.getByRole("button", { name: "Create account" }).click();
}

test("bad sign-up input gets a message on the field and creates nothing", async ({ page }) => {
  const tag = Date.now().toString(36);
  const base = { name: "Val Idation", email: `val-${tag}@shop.test`, password: "long enough pw", storeName: "Validation Store", storeDomain: `val-${tag}.test` };

  await fillSignUp(page, { ...base, email: "medium-owner@demo.test" });
  await expect(formAlert(page)).toContainText("An account with this email already exists.");
  await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Store name")).toHaveValue("Validation Store");

  await fillSignUp(page, { ...base, password: "short" });
  await expect(page.getByText("Use at least 10 characters")).toBeVisible();
  await expect(page.getByLabel("Password")).toHaveAttribute("aria-invalid", "true");

  await fillSignUp(page, { ...base, email: "not-an-email" });
  await expect(page.getByText("Enter a valid email address, like name@shop.com")).toBeVisible();
  await expect(formAlert(page)).toHaveText("Please correct the highlighted fields.");
  await shot(page, "sign-up-errors");

  // None of the failed attempts created the account.
  await signIn(page, base.email, base.password);
  await expect(formAlert(page)).toHaveText("Wrong email or password.");
});
