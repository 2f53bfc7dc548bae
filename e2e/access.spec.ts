import { expect, test } from "@playwright/test";
import { shot, signInToStore } from "./helpers";

test("a member cannot open another store by URL", async ({ browser }) => {
  const owner = await browser.newPage();
  const enterpriseId = await signInToStore(owner, "enterprise-owner@demo.test");
  await owner.close();

  const member = await browser.newPage();
  const ownStoreId = await signInToStore(member, "medium-member@demo.test");
  expect(ownStoreId).not.toBe(enterpriseId);
  for (const path of ["dashboard", "settings/webhooks", "account/api"]) {
    const response = await member.goto(`/s/${enterpriseId}/${path}`);
    expect(response?.status()).toBe(404);
    await expect(member.getByRole("heading", { name: "Page not found" })).toBeVisible();
    await expect(member.getByText("Atlas Home Goods")).toHaveCount(0);
  }
  await member.close();
});

test("a store user cannot open the support console", async ({ page }) => {
  await signInToStore(page, "medium-owner@demo.test");
  const response = await page.goto("/support");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
});

test("support finds a store and changes its plan, audit-logged", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill("support@demo.test");
  await page.getByLabel("Password").fill("demo-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/support$/);

  await page.getByLabel("Search stores").fill("atlas");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByRole("link", { name: /Atlas Home Goods/ })).toBeVisible();
  await expect(page.getByRole("link", { name: /Leafy Tea/ })).toHaveCount(0);
  await shot(page, "support-search");
  await page.getByRole("link", { name: /Atlas Home Goods/ }).click();
  await expect(page.getByRole("heading", { name: "Atlas Home Goods" })).toBeVisible();

  // A reason is required.
  await page.getByLabel("New plan").selectOption("LARGE");
  await page.getByRole("button", { name: "Change plan" }).click();
  await expect(page.getByText("Say why the plan is changing")).toBeVisible();

  await page.getByLabel("New plan").selectOption("LARGE");
  await page.getByLabel("Reason (recorded in the audit log)").fill("Customer asked to downgrade");
  await page.getByRole("button", { name: "Change plan" }).click();
  await expect(page.getByText("Plan changed to Large.")).toBeVisible();
  await expect(page.getByText("Large plan")).toBeVisible();
  await expect(page.getByLabel("New plan")).toHaveValue("LARGE");
  await shot(page, "support-store");

  await page.getByLabel("New plan").selectOption("ENTERPRISE");
  await page.getByLabel("Reason (recorded in the audit log)").fill("Restore after the test");
  await page.getByRole("button", { name: "Change plan" }).click();
  await expect(page.getByText("Plan changed to Enterprise.")).toBeVisible();
});
