import { expect, type Page } from "@playwright/test";

export const demoPassword = "demo-password";

export async function signIn(page: Page, email: string, password = demoPassword) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Signs in and waits for the store dashboard; returns the store id from the URL. */
export async function signInToStore(page: Page, email: string): Promise<string> {
  await signIn(page, email);
  await page.waitForURL(/\/s\/sto_[0-9A-Z]+\/dashboard$/);
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  return page.url().match(/\/s\/(sto_[0-9A-Z]+)\//)![1]!;
}

export function shot(page: Page, name: string) {
  return page.screenshot({ path: `e2e/artifacts/${name}.png`, fullPage: true, caret: "initial" });
}

/** The form's own alert (Next.js also renders an empty role=alert route announcer). */
export function formAlert(page: Page) {
  return page.locator('form [role="alert"]');
}
