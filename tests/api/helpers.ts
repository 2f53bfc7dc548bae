import * as collection from "@/app/api/v1/webhooks/route";
import * as item from "@/app/api/v1/webhooks/[id]/route";
import * as test from "@/app/api/v1/webhooks/[id]/test/route";
import * as notifications from "@/app/api/v1/notifications/route";
import * as inventory from "@/app/api/v1/inventory/[variant_id]/route";
import * as resend from "@/app/api/v1/deliveries/[id]/resend/route";
import * as delivery from "@/app/api/v1/deliveries/[id]/route";
import * as webhookDeliveries from "@/app/api/v1/webhooks/[id]/deliveries/route";
import { issueApiKey } from "@/lib/api-keys/issue-api-key";
import { db } from "@/lib/db";
import type { Plan } from "@/lib/generated/prisma/enums";
import { makeStore } from "@/tests/factories";

// Calls the /api/v1 route handlers directly, as Next.js does: a Request and a params promise.

export const base = "http://localhost:3000/api/v1";

type Init = { key?: string | null; scheme?: "x-auth-token" | "bearer"; json?: unknown; body?: BodyInit; headers?: Record<string, string>; duplex?: "half" };

export function apiRequest(method: string, path: string, { key, scheme = "x-auth-token", json, body, headers = {}, duplex }: Init = {}): Request {
  const h = new Headers(headers);
  if (key) h.set(scheme === "bearer" ? "Authorization" : "X-Auth-Token", scheme === "bearer" ? `Bearer ${key}` : key);
  if (json !== undefined && !h.has("content-type")) h.set("Content-Type", "application/json");
  return new Request(`${base}${path}`, {
    method,
    headers: h,
    body: json !== undefined ? JSON.stringify(json) : body,
    ...(duplex && { duplex }),
  } as RequestInit);
}

const handlers = {
  "/webhooks": collection as Record<string, unknown>,
  "/webhooks/{id}": item as Record<string, unknown>,
  "/webhooks/{id}/test": test as Record<string, unknown>,
  "/notifications": notifications as Record<string, unknown>,
  "/inventory/{variant_id}": inventory as Record<string, unknown>,
  "/deliveries/{id}/resend": resend as Record<string, unknown>,
  "/deliveries/{id}": delivery as Record<string, unknown>,
  "/webhooks/{id}/deliveries": webhookDeliveries as Record<string, unknown>,
};

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

/** Sends a request to the route handler its path maps to, like the Next.js router. */
export async function send(request: Request): Promise<Response> {
  const path = new URL(request.url).pathname.slice(new URL(base).pathname.length);
  const match = /^\/webhooks\/([^/]+)(\/test|\/deliveries)?$/.exec(path);
  const stock = /^\/inventory\/([^/]+)$/.exec(path);
  const resent = /^\/deliveries\/([^/]+)(\/resend)?$/.exec(path);
  const route = match ? `/webhooks/{id}${match[2] ?? ""}` : stock ? "/inventory/{variant_id}" : resent ? `/deliveries/{id}${resent[2] ?? ""}` : path;
  const params: Record<string, string> = match
    ? { id: decodeURIComponent(match[1]!) }
    : stock
      ? { variant_id: decodeURIComponent(stock[1]!) }
      : resent
        ? { id: decodeURIComponent(resent[1]!) }
        : {};
  const handler = handlers[route as keyof typeof handlers]?.[request.method] as Handler | undefined;
  if (!handler) throw new Error(`No handler for ${request.method} ${path}`);
  return handler(request, { params: Promise.resolve(params) });
}

export type ApiCaller = Awaited<ReturnType<typeof apiAs>>;

/** A store on `plan` with an API key, and a way to call the API with that key. */
export async function apiAs(plan: Plan = "MEDIUM") {
  const { storeId } = await makeStore(plan);
  return callerFor(storeId);
}

/**
 * A new API key for the store and a way to call the API with it. Each key has its own rate
 * limit (bursts of 40), so a test that sends many requests takes a key of its own.
 */
export async function callerFor(storeId: string) {
  const key = await db.$transaction((tx) => issueApiKey(tx, storeId, null));
  const call = async (method: string, path: string, init: Omit<Init, "key"> = {}) => {
    const response = await send(apiRequest(method, path, { key, ...init }));
    const text = await response.text();
    return { response, status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : null };
  };
  return { storeId, key, call };
}

let n = 0;
/** A distinct valid webhook URL. */
export const hookUrl = (label: string | number = n++) => `https://hooks.shop-${label}-${Math.random().toString(36).slice(2, 8)}.dev/in`;
