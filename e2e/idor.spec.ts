import { readdirSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { signInToStore, waitForHydration } from "./helpers";

// Cross-store access (IDOR), generated from the route lists rather than written by hand: every
// store page under app/s/[storeId] and every /api/v1 path with an id is tried with another
// store's real ids, both under that store's URL and under one's own. All answer 404, exactly as
// for ids that do not exist. A new route is covered the day it is added (or this test fails on
// a param it does not know).

/** The page routes under app/s/[storeId], as patterns like "/s/[storeId]/deliveries/[deliveryId]". */
function storePageRoutes(dir = path.join(process.cwd(), "app/s/[storeId]"), prefix = "/s/[storeId]"): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isFile() && entry.name === "page.tsx") return [prefix];
    return entry.isDirectory() ? storePageRoutes(path.join(dir, entry.name), `${prefix}/${entry.name}`) : [];
  });
}

/** The API's routes with an id, as "/webhooks/[id]/deliveries" (app/api/v1, its catch-all left out). */
function apiRoutesWithIds(dir = path.join(process.cwd(), "app/api/v1"), prefix = ""): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isFile() && entry.name === "route.ts") return /\[(?!\.\.\.)/.test(prefix) ? [prefix] : [];
    return entry.isDirectory() && !entry.name.startsWith("[...") ? apiRoutesWithIds(path.join(dir, entry.name), `${prefix}/${entry.name}`) : [];
  });
}

type Ids = { storeId: string; webhookId: string; deliveryId: string; notificationId: string; variantId: string; key: string };

/** As Atlas's owner: reveals the key, makes a webhook and a (test) delivery, finds a notification. */
async function otherStoresIds(page: Page): Promise<Ids> {
  const storeId = await signInToStore(page, "enterprise-owner@demo.test");
  await page.goto(`/s/${storeId}/account/api`);
  await waitForHydration(page, 'button[aria-controls="api-key"]');
  await page.getByRole("button", { name: "Reveal" }).click();
  const key = await page.getByRole("textbox", { name: "API key" }).inputValue();
  const headers = { "X-Auth-Token": key };
  const webhook = await page.request.post("/api/v1/webhooks", { headers, data: { topic: "notification/*", url: `https://hooks.atlas-home.dev/idor-${Date.now()}` } });
  expect(webhook.status()).toBe(201);
  const webhookId = ((await webhook.json()) as { id: string }).id;
  const test_ = await page.request.post(`/api/v1/webhooks/${webhookId}/test`, { headers });
  expect(test_.status()).toBe(200);
  const deliveryId = ((await test_.json()) as { delivery_id: string }).delivery_id;
  const list = await page.request.get("/api/v1/notifications?limit=1", { headers });
  const notification = ((await list.json()) as { data: { id: number; variant_id: number }[] }).data[0]!;
  return { storeId, webhookId, deliveryId, notificationId: String(notification.id), variantId: String(notification.variant_id), key };
}

const paramFor: Record<string, keyof Ids> = {
  "[storeId]": "storeId",
  "[webhookId]": "webhookId",
  "[deliveryId]": "deliveryId",
  "[notificationId]": "notificationId",
  "[variant_id]": "variantId",
};

/** The route with the other store's ids in it (and, given `own`, one's own store id). */
function fill(route: string, ids: Ids, own?: string): string {
  return route.replace(/\[[^\]]+\]/g, (param) => {
    if (param === "[storeId]" && own) return own;
    // An API [id] names the resource of the folder it sits in.
    if (param === "[id]") return route.startsWith("/webhooks/") ? ids.webhookId : route.startsWith("/deliveries/") ? ids.deliveryId : unknown(param, route);
    const key = paramFor[param];
    return key ? ids[key] : unknown(param, route);
  });
}

function unknown(param: string, route: string): never {
  throw new Error(`The IDOR test does not know the route param ${param} (in ${route}): add it.`);
}

/** A valid body for each write, so a refusal can only come from the id, not from validation. */
function bodyFor(method: string, route: string): unknown {
  if (method === "GET" || method === "DELETE") return undefined;
  if (route.startsWith("/inventory/")) return { available: 3 };
  if (method === "PUT") return { topic: "notification/create", url: "https://hooks.leafy-tea.dev/idor", is_active: false };
  return method === "PATCH" ? { is_active: false } : {};
}

test("every store page answers 404 for another store's ids, under its URL and under one's own", async ({ page, browser }) => {
  const context = await browser.newContext();
  const theirs = await otherStoresIds(await context.newPage());
  await context.close();
  const mine = await signInToStore(page, "medium-owner@demo.test");

  const routes = storePageRoutes();
  expect(routes.length).toBeGreaterThanOrEqual(12);
  for (const route of routes) {
    for (const url of new Set([fill(route, theirs), fill(route, theirs, mine)])) {
      if (url === fill(route, theirs, mine) && !/\[(?!storeId)/.test(route)) continue; // own store, no other id: not a cross-store URL
      const response = await page.goto(url);
      expect(response?.status(), url).toBe(404);
      await expect(page.getByText("Atlas Home Goods")).toHaveCount(0);
    }
  }
  await removeTheirWebhook(page, theirs);
});

test("every API route with an id answers 404 for another store's id", async ({ page, browser }) => {
  const context = await browser.newContext();
  const theirs = await otherStoresIds(await context.newPage());
  await context.close();
  const mine = await signInToStore(page, "medium-owner@demo.test");
  await page.goto(`/s/${mine}/account/api`);
  await waitForHydration(page, 'button[aria-controls="api-key"]');
  await page.getByRole("button", { name: "Reveal" }).click();
  const headers = { "X-Auth-Token": await page.getByRole("textbox", { name: "API key" }).inputValue() };

  const routes = apiRoutesWithIds();
  expect(routes.length).toBeGreaterThanOrEqual(6);
  let tried = 0;
  for (const route of routes) {
    const url = `/api/v1${fill(route, theirs)}`;
    for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"] as const) {
      const response = await page.request.fetch(url, { method, headers, data: bodyFor(method, route) });
      if (response.status() === 405) continue; // the route has no such method
      tried++;
      expect(response.status(), `${method} ${url} → ${response.status()} ${await response.text()}`).toBe(404);
    }
  }
  expect(tried).toBeGreaterThanOrEqual(9);
  // Nothing of theirs changed: their webhook is still there and still Off, as they see it.
  const still = await page.request.get(`/api/v1/webhooks/${theirs.webhookId}`, { headers: { "X-Auth-Token": theirs.key } });
  expect(await still.json()).toMatchObject({ id: theirs.webhookId, is_active: false });
  await removeTheirWebhook(page, theirs);
});

/** Leaves the shared e2e database as it was (the webhook and its test delivery go). */
async function removeTheirWebhook(page: Page, theirs: Ids) {
  const removed = await page.request.delete(`/api/v1/webhooks/${theirs.webhookId}`, { headers: { "X-Auth-Token": theirs.key } });
  expect(removed.status()).toBe(204);
}
