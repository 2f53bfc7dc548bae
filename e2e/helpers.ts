import { expect, type Browser, type Page } from "@playwright/test";

export const demoPassword = "demo-password";

/** A store URL's id: /s/<storeId>/… */
export const storeUrl = /\/s\/(sto_[0-9A-Z]+)\/dashboard$/;

/**
 * Waits until React has hydrated the element: the sign-in form submits through JavaScript, and
 * a click that lands before hydration would submit it natively (a GET to /sign-in).
 */
export async function waitForHydration(page: Page, selector = "form") {
  await page.waitForFunction(
    (sel) => {
      const el = document.querySelector(sel);
      return !!el && Object.keys(el).some((k) => k.startsWith("__reactProps$"));
    },
    selector,
  );
}

/** Fills the sign-in form and submits it; does not wait for where it lands. */
export async function signIn(page: Page, email: string, password = demoPassword) {
  await page.goto("/sign-in");
  await waitForHydration(page);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Signs in and waits for the store dashboard; returns the store id from the URL. */
export async function signInToStore(page: Page, email: string): Promise<string> {
  await signIn(page, email);
  await page.waitForURL(storeUrl);
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
  return page.url().match(storeUrl)![1]!;
}

/** Signs in as support staff and waits for the console. */
export async function signInAsSupport(page: Page) {
  await signIn(page, "support@demo.test");
  await page.waitForURL(/\/support$/);
  await expect(page.getByRole("heading", { level: 1, name: "Stores" })).toBeVisible();
}

/** The id of the store `email` lands on, read in a separate browser context (own cookies). */
export async function storeIdOf(browser: Browser, email: string, storeName: string): Promise<string> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const id = await signInToStore(page, email);
    await expect(page.getByTestId("store-name")).toHaveText(storeName);
    return id;
  } finally {
    await context.close();
  }
}

/** The plan badge in the store header ("Medium plan"). */
export function headerPlanBadge(page: Page, planName: string) {
  return page.getByRole("banner").getByText(`${planName} plan`, { exact: true });
}

/** The main store navigation. */
export function mainNav(page: Page) {
  return page.getByRole("navigation", { name: "Main" });
}

/**
 * Full-page screenshot into e2e/artifacts/ (git-ignored). The caret is left alone: hiding it
 * sets a style on inputs, which React reports as a hydration mismatch when the page has not
 * hydrated yet. Next's dev-mode indicator is hidden so dev and production shots match.
 */
export function shot(page: Page, name: string) {
  return page.screenshot({
    path: `e2e/artifacts/${name}.png`,
    fullPage: true,
    caret: "initial",
    style: "nextjs-portal { display: none !important; }",
  });
}

/** The form's own alert (Next.js also renders an empty role=alert route announcer). */
export function formAlert(page: Page) {
  return page.locator('form [role="alert"]');
}
