import { expect, test } from "@playwright/test";
import { headerPlanBadge, mainNav, shot, signInAsSupport, signInToStore } from "./helpers";

test("the app shell reaches every section of a Medium store", async ({ page }) => {
  await page.goto("/sign-in");
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
  await shot(page, "sign-in");

  const storeId = await signInToStore(page, "medium-owner@demo.test");
  await expect(page.getByTestId("store-name")).toHaveText("Leafy Tea Co.");
  await expect(headerPlanBadge(page, "Medium")).toBeVisible();
  await expect(mainNav(page).getByRole("link", { name: "Dashboard", exact: true })).toHaveAttribute("aria-current", "page");
  await shot(page, "dashboard");

  const sections: [link: string, heading: string, path: string, screenshot: string][] = [
    ["Notifications", "Notifications", "notifications", "notifications"],
    ["Settings → Webhooks", "Webhooks", "settings/webhooks", "webhooks"],
    ["Account → API", "API", "account/api", "api"],
    ["Account → Plan", "Plan", "account/plan", "plan"],
    ["Dashboard", "Dashboard", "dashboard", ""],
  ];
  for (const [link, heading, path, screenshot] of sections) {
    await mainNav(page).getByRole("link", { name: link, exact: true }).click();
    await page.waitForURL(`**/s/${storeId}/${path}`);
    await expect(page.getByRole("heading", { level: 1, name: heading, exact: true })).toBeVisible();
    await expect(mainNav(page).getByRole("link", { name: link, exact: true })).toHaveAttribute("aria-current", "page");
    await expect(mainNav(page).locator('[aria-current="page"]')).toHaveCount(1);
    // The shell stays put on every page.
    await expect(page.getByTestId("store-name")).toHaveText("Leafy Tea Co.");
    if (screenshot) await shot(page, screenshot);
  }

  // Notifications lists the seeded sign-ups.
  await mainNav(page).getByRole("link", { name: "Notifications", exact: true }).click();
  await expect(page.getByRole("cell", { name: /Black Tea/ }).first()).toBeVisible();

  // Medium includes webhooks: no locked state.
  await mainNav(page).getByRole("link", { name: "Settings → Webhooks", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Webhooks" })).toBeVisible();
  await expect(page.getByTestId("webhooks-locked")).toHaveCount(0);

  // The plan page marks Medium, and only Medium, as current.
  await mainNav(page).getByRole("link", { name: "Account → Plan", exact: true }).click();
  const medium = page.getByRole("region", { name: "Medium plan" });
  await expect(medium).toHaveAttribute("aria-current", "true");
  await expect(medium.getByText("Current", { exact: true })).toBeVisible();
  await expect(page.locator('section[aria-current="true"]')).toHaveCount(1);
  await expect(page.getByText("Current", { exact: true })).toHaveCount(1);
});

test("a Small store sees webhooks locked, naming the plans that include them", async ({ page }) => {
  const storeId = await signInToStore(page, "small-owner@demo.test");
  await expect(page.getByTestId("store-name")).toHaveText("Northwind Outfitters");
  await expect(headerPlanBadge(page, "Small")).toBeVisible();
  await mainNav(page).getByRole("link", { name: "Settings → Webhooks", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Webhooks" })).toBeVisible();
  const locked = page.getByTestId("webhooks-locked");
  await expect(locked).toContainText("Webhooks are not included in the Small plan");
  await expect(locked).toContainText("Medium, Large and Enterprise");
  await shot(page, "webhooks-locked");

  await locked.getByRole("link", { name: "Compare plans" }).click();
  await page.waitForURL(`**/s/${storeId}/account/plan`);
  await expect(page.getByRole("region", { name: "Small plan" })).toHaveAttribute("aria-current", "true");
});

test("store pages fit a phone-sized screen", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const storeId = await signInToStore(page, "medium-owner@demo.test");
  for (const path of ["dashboard", "notifications", "account/plan"]) {
    await page.goto(`/s/${storeId}/${path}`);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    // Nothing pushes the page wider than the screen; the nav scrolls on its own.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
    await shot(page, `mobile-${path.replace("/", "-")}`);
  }
});

test("the support console lists stores", async ({ page }) => {
  await signInAsSupport(page);
  await expect(page.getByRole("banner").getByText("Support console")).toBeVisible();
  await expect(page.getByRole("banner").getByText("support@demo.test")).toBeVisible();
  // Stores in name order, 20 a page (sign-ups from earlier runs may push some demo stores to
  // later pages on a long-lived database, so only the first in name order is looked for).
  const stores = page.getByRole("main").getByRole("listitem").getByRole("link");
  const atlas = stores.filter({ hasText: "Atlas Home Goods" });
  await expect(atlas).toContainText("atlas-home.test · enterprise-owner@demo.test");
  await expect(atlas).toContainText("Enterprise plan");
  expect(await stores.count()).toBeGreaterThanOrEqual(5);
  // Support staff have no store shell.
  await expect(page.getByTestId("store-name")).toHaveCount(0);
  await shot(page, "support-console");
});
