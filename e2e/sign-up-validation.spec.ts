import { expect, test, type Page } from "@playwright/test";
import { formAlert, shot, signIn, waitForHydration } from "./helpers";

type SignUp = { name: string; email: string; password: string; storeName: string; storeDomain: string };
const labels: Record<keyof SignUp, string> = {
  name: "Your name",
  email: "Email",
  password: "Password",
  storeName: "Store name",
  storeDomain: "Store domain",
};

async function submitSignUp(page: Page, values: SignUp) {
  await page.goto("/sign-up");
  await waitForHydration(page);
  for (const field of Object.keys(labels) as (keyof SignUp)[]) await page.getByLabel(labels[field]).fill(values[field]);
  await page.getByRole("button", { name: "Create account" }).click();
}

test("bad sign-up input gets a message on the field and creates nothing", async ({ page }) => {
  const tag = Date.now().toString(36);
  const attempt: SignUp = {
    name: "Val Idation",
    email: `val-${tag}@shop.test`,
    password: "long enough pw",
    storeName: "Validation Store",
    storeDomain: `val-${tag}.test`,
  };

  // An email that already has an account.
  await submitSignUp(page, { ...attempt, email: "medium-owner@demo.test" });
  await expect(formAlert(page)).toHaveText("An account with this email already exists. Sign in instead.");
  await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Email")).toHaveAccessibleDescription("An account with this email already exists. Sign in instead.");
  await expect(page.getByLabel("Store name")).not.toHaveAttribute("aria-invalid");
  // What was typed is kept (except the password).
  await expect(page.getByLabel("Email")).toHaveValue("medium-owner@demo.test");
  await expect(page.getByLabel("Store name")).toHaveValue(attempt.storeName);
  await expect(page.getByLabel("Password")).toHaveValue("");
  await expect(page).toHaveURL(/\/sign-up$/);

  // A store domain that is already registered, with an otherwise valid new account.
  await submitSignUp(page, { ...attempt, storeDomain: "leafy-tea.test" });
  await expect(formAlert(page)).toHaveText("A store with this domain is already registered.");
  await expect(page.getByLabel("Store domain")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Email")).not.toHaveAttribute("aria-invalid");

  // A password that is too short.
  await submitSignUp(page, { ...attempt, password: "short" });
  await expect(formAlert(page)).toHaveText("Please correct the highlighted fields.");
  await expect(page.getByLabel("Password")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Password")).toHaveAccessibleDescription("Use at least 10 characters");

  // A malformed email.
  await submitSignUp(page, { ...attempt, email: "not-an-email" });
  await expect(formAlert(page)).toHaveText("Please correct the highlighted fields.");
  await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Email")).toHaveAccessibleDescription("Enter a valid email address, like name@shop.com");
  await expect(page.getByLabel("Email")).toHaveValue("not-an-email");
  await expect(page.getByLabel("Password")).not.toHaveAttribute("aria-invalid");
  await shot(page, "sign-up-errors");

  // None of the failed attempts created the account (nor half of it).
  await signIn(page, attempt.email, attempt.password);
  await expect(formAlert(page)).toHaveText("Wrong email or password.");
  await expect(page).toHaveURL(/\/sign-in/);
});
