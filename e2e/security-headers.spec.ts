import { expect, test } from "@playwright/test";
import { signInToStore } from "./helpers";

// Every response carries the security headers (next.config.mjs), and the app runs under its
// Content-Security-Policy: no violation while a person signs in and walks the main pages.

const expected = {
  "content-security-policy": /default-src 'self'.*frame-ancestors 'none'/,
  "x-frame-options": /^DENY$/,
  "x-content-type-options": /^nosniff$/,
  "referrer-policy": /^strict-origin-when-cross-origin$/,
};

test("pages, API answers and assets carry the security headers", async ({ request }) => {
  for (const path of ["/sign-in", "/sign-up", "/docs/webhooks", "/docs/api", "/api/v1/openapi.json", "/api/v1/webhooks", "/no-such-page", "/s/sto_00000000000000000000000000/dashboard"]) {
    const response = await request.get(path, { maxRedirects: 0 });
    for (const [name, value] of Object.entries(expected)) expect(response.headers()[name], `${name} on ${path}`).toMatch(value);
    expect(response.headers()["x-powered-by"], path).toBeUndefined();
  }
});

test("the app runs under its Content-Security-Policy", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" && /Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  const storeId = await signInToStore(page, "medium-owner@demo.test");
  for (const path of ["dashboard", "notifications", "deliveries", "settings/webhooks", "account/api", "catalog"]) {
    await page.goto(`/s/${storeId}/${path}`);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  }
  expect(violations).toEqual([]);
});
