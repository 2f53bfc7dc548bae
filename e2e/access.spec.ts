import { expect, test, type Page } from "@playwright/test";
import { headerPlanBadge, shot, signInAsSupport, signInToStore, storeIdOf, waitForHydration } from "./helpers";

async function expectNotFound(page: Page, path: string) {
  const response = await page.goto(path);
  expect(response?.status(), `${path} should answer 404`).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
}

test("a member cannot open another store by URL", async ({ page, browser }) => {
  const enterpriseId = await storeIdOf(browser, "enterprise-owner@demo.test", "Atlas Home Goods");

  const ownStoreId = await signInToStore(page, "medium-member@demo.test");
  await expect(page.getByTestId("store-name")).toHaveText("Leafy Tea Co.");
  expect(ownStoreId).not.toBe(enterpriseId);

  for (const path of [
    "dashboard",
    "notifications",
    "settings/webhooks",
    "settings/webhooks/wh_01JD3W5Y6N3Q8G2K7V9X4T1B0C",
    "deliveries",
    "deliveries/dlv_01JD3W5Y6N3Q8G2K7V9X4T1B0D",
    "deliveries?status=failed",
    "account/api",
    "account/plan",
  ]) {
    await expectNotFound(page, `/s/${enterpriseId}/${path}`);
    // Nothing about the other store leaks onto the 404 page.
    await expect(page.getByText("Atlas Home Goods")).toHaveCount(0);
    await expect(page.getByTestId("store-name")).toHaveCount(0);
  }
  // A store that does not exist looks exactly the same.
  await expectNotFound(page, "/s/sto_00000000000000000000000000/dashboard");
});

test("the delivery log needs a session; support staff never reach a store's API key", async ({ page, browser }) => {
  const leafyId = await storeIdOf(browser, "medium-owner@demo.test", "Leafy Tea Co.");
  await page.goto(`/s/${leafyId}/deliveries?status=failed`);
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fs%2Fsto_[0-9A-Z]+%2Fdeliveries%3Fstatus%3Dfailed$/);
  await signInAsSupport(page);
  for (const path of ["account/api", "dashboard", "deliveries"]) await expectNotFound(page, `/s/${leafyId}/${path}`);
});

test("a store user cannot open the support console", async ({ page, browser }) => {
  const enterpriseId = await storeIdOf(browser, "enterprise-owner@demo.test", "Atlas Home Goods");
  await signInToStore(page, "medium-owner@demo.test");
  await expectNotFound(page, "/support");
  await expectNotFound(page, `/support/stores/${enterpriseId}`);
  await expectNotFound(page, "/support?q=atlas");
});

/** On a support store page: moves the store to `plan` (select value) and waits for the confirmation. */
async function changePlan(page: Page, plan: string, planName: string, reason: string) {
  await waitForHydration(page, "form:has(#plan)");
  await page.getByLabel("New plan").selectOption(plan);
  await page.getByLabel("Reason (recorded in the audit log)").fill(reason);
  await page.getByRole("button", { name: "Change plan" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Plan changed to ${planName}.` })).toBeVisible();
  await expect(page.getByText(`${planName} plan`, { exact: true })).toBeVisible();
}

test("support finds a store and changes its plan, then changes it back", async ({ page, browser }) => {
  await signInAsSupport(page);
  await page.getByLabel("Search stores").fill("atlas");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/\/support\?q=atlas$/);
  const atlas = page.getByRole("link", { name: /Atlas Home Goods/ });
  await expect(atlas).toBeVisible();
  await expect(atlas).toContainText("atlas-home.test");
  await expect(page.getByRole("link", { name: /Leafy Tea/ })).toHaveCount(0);
  await shot(page, "support-search");

  await atlas.click();
  await page.waitForURL(/\/support\/stores\/sto_[0-9A-Z]+$/);
  const storePage = page.url();
  await expect(page.getByRole("heading", { level: 1, name: "Atlas Home Goods" })).toBeVisible();
  await expect(page.getByText("enterprise-owner@demo.test")).toBeVisible();

  // A previous run that stopped half-way may have left the store on Large.
  if (await page.getByText("Large plan", { exact: true }).isVisible()) {
    await changePlan(page, "ENTERPRISE", "Enterprise", "Restore after an interrupted e2e run");
    await page.goto(storePage);
  }
  await expect(page.getByText("Enterprise plan", { exact: true })).toBeVisible();
  await expect(page.getByLabel("New plan")).toHaveValue("ENTERPRISE");

  try {
    // A reason is required.
    await page.getByLabel("New plan").selectOption("LARGE");
    await page.getByRole("button", { name: "Change plan" }).click();
    const reason = page.getByLabel("Reason (recorded in the audit log)");
    await expect(reason).toHaveAttribute("aria-invalid", "true");
    await expect(reason).toHaveAccessibleDescription("Say why the plan is changing");
    await expect(page.getByText("Enterprise plan", { exact: true })).toBeVisible();

    await changePlan(page, "LARGE", "Large", "Customer asked to downgrade");
    await expect(page.getByLabel("New plan")).toHaveValue("LARGE");
    await expect(page.getByLabel("Reason (recorded in the audit log)")).toHaveValue("");
    await shot(page, "support-store");

    // The store's owner sees the new plan in their own session.
    const owner = await browser.newContext();
    try {
      const ownerPage = await owner.newPage();
      await signInToStore(ownerPage, "enterprise-owner@demo.test");
      await expect(headerPlanBadge(ownerPage, "Large")).toBeVisible();
      await ownerPage.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Account → Plan" }).click();
      await expect(ownerPage.getByRole("region", { name: "Large plan" })).toHaveAttribute("aria-current", "true");
    } finally {
      await owner.close();
    }
  } finally {
    // Keep the demo data tidy: back to Enterprise.
    await page.goto(storePage);
    if (!(await page.getByText("Enterprise plan", { exact: true }).isVisible())) {
      await changePlan(page, "ENTERPRISE", "Enterprise", "Restore after the e2e test");
    }
  }
  await expect(page.getByLabel("New plan")).toHaveValue("ENTERPRISE");
});
