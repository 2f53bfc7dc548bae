import { expect, test } from "@playwright/test";
import { shot, signInToStore } from "./helpers";

test("the app shell reaches every section of a Medium store", async ({ page }) => {
  await signInToStore(page, "medium-owner@demo.test");
  await expect(page.getByTestId("store-name")).toHaveText("Leafy Tea Co.");
  await expect(page.getByText("Medium plan")).toBeVisible();
  await shot(page, "dashboard");

  const sections: [string, string][] = [
    ["Notifications", "Notifications"],
    ["Settings → Webhooks", "Webhooks"],
    ["Account → API", "API"],
    ["Account → Plan", "Plan"],
    ["Dashboard", "Dashboard"],
  ];
  for (const [link, heading] of sections) {
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: link }).click();
    await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
    await expect(page.getByRole("link", { name: link })).toHaveAttribute("aria-current", "page");
    if (heading !== "Dashboard") await shot(page, heading.toLowerCase());
  }

  await page.getByRole("link", { name: "Account → Plan" }).click();
  await expect(page.getByRole("region", { name: "Medium plan" })).toHaveAttribute("aria-current", "true");
  await expect(page.getByRole("region", { name: "Medium plan" }).getByText("Current")).toBeVisible();

  await page.getByRole("link", { name: "Notifications" }).click();
  await expect(page.getByRole("cell", { name: /Black Tea/ }).first()).toBeVisible();
});

test("a Small store sees webhooks locked, naming the plans that include them", async ({ page }) => {
  await signInToStore(page, "small-owner@demo.test");
  await page.getByRole("link", { name: "Settings → Webhooks" }).click();
  const locked = page.getByTestId("webhooks-locked");
  await expect(locked).toContainText("Webhooks are not included in the Small plan");
  await expect(locked).toContainText("Medium, Large and Enterprise");
  await shot(page, "webhooks-locked");
});
