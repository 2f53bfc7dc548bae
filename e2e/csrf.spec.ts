import { expect, test } from "@playwright/test";
import { signInToStore, waitForHydration } from "./helpers";

// Cross-site request forgery: a server action replayed with the victim's cookies but from
// another site's Origin is refused (Next.js compares Origin with Host) and changes nothing; the
// same request from our own origin works, so the check is what stops it. Session cookies are
// HttpOnly and SameSite=Lax, so a foreign site's form post does not carry them in the first place.

test("a server action from a foreign Origin is refused and changes nothing", async ({ page, baseURL }) => {
  const storeId = await signInToStore(page, "medium-owner@demo.test");
  const cookies = await page.context().cookies();
  const session = cookies.find((c) => c.name.endsWith("next-auth.session-token"));
  expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax" });

  await page.goto(`/s/${storeId}/settings/webhooks`);
  await waitForHydration(page, "form:has(#topic)");
  const url = `https://hooks.leafy-tea.dev/csrf-${Date.now()}`;
  const form = page.getByRole("region", { name: "Add a webhook" });
  await form.getByLabel("Topic").selectOption("notification/create");
  await form.getByLabel("URL").fill(url);
  await form.getByRole("button", { name: "Create Webhook" }).click();
  const row = page.getByRole("listitem", { name: `Webhook notification/create → ${url}` });
  const toggle = row.getByRole("switch");
  await expect(toggle).toHaveAttribute("aria-checked", "false");

  // Switch it On in the browser, capturing the server action's request.
  const [action] = await Promise.all([page.waitForRequest((r) => r.method() === "POST" && !!r.headers()["next-action"]), toggle.click()]);
  await expect(toggle).toHaveAttribute("aria-checked", "true");
  const body = action.postData()!;
  const headers = { ...action.headers() };
  delete headers["content-length"];
  // The same call, to switch it Off again: first as if from another site.
  const off = body.replace("true", "false");
  expect(off).not.toBe(body);
  const forged = await page.request.post(action.url(), { headers: { ...headers, origin: "https://evil.example" }, data: off });
  expect(forged.ok()).toBe(false);
  await page.reload();
  await expect(row.getByRole("switch")).toHaveAttribute("aria-checked", "true");

  // From our own origin the very same request works (so the Origin check is what refused it).
  const own = await page.request.post(action.url(), { headers: { ...headers, origin: new URL(baseURL!).origin }, data: off });
  expect(own.ok()).toBe(true);
  await page.reload();
  await expect(row.getByRole("switch")).toHaveAttribute("aria-checked", "false");

  await row.getByRole("button", { name: "Delete" }).click();
  await page.getByRole("dialog", { name: "Delete this webhook?" }).getByRole("button", { name: "Delete webhook" }).click();
  await expect(row).toHaveCount(0);
});
