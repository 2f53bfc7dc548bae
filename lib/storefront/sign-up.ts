import "server-only";
import { readJsonBody } from "@/lib/api/read-json-body";
import { takeApiToken } from "@/lib/api/rate-limit";
import { errorResponse, jsonResponse } from "@/lib/api/responses";
import { apiRequestContext } from "@/lib/api/request-context";
import { validationDetails } from "@/lib/api/validation";
import { db } from "@/lib/db";
import { AppError, isAppError } from "@/lib/errors";
import { createNotification } from "@/lib/notifications/create-notification";
import { notificationInputSchema } from "@/lib/notifications/notification-input";
import { notificationView } from "@/lib/notifications/notification-view";

// The public storefront endpoint: a shopper's "notify me" form posts here from the store's own
// site. CORS admits the store's domain (and its subdomains, such as www.) only; each IP may
// sign up 10 times in a burst and then once every 6 seconds.

/** A sign-up form is small: 16 KiB is plenty and caps what an abuser can make us read. */
const maxBodyBytes = 16 * 1024;
const perIp = { perSecond: 1 / 6, burst: 10 };

type StoreRef = { id: string; domain: string };

async function findStore(ref: string): Promise<StoreRef | null> {
  // Postgres text cannot hold NUL: such a ref would fail in the query (500) instead of matching nothing.
  if (ref.includes("\u0000")) return null;
  return db.store.findFirst({ where: ref.startsWith("sto_") ? { id: ref } : { domain: ref.toLowerCase() }, select: { id: true, domain: true } });
}

/** The Origin when it is the store's own site (https, the domain or a subdomain of it). */
function allowedOrigin(origin: string | null, store: StoreRef): string | null {
  if (!origin) return null;
  try {
    const url = new URL(origin);
    const host = url.hostname.toLowerCase();
    const ok = url.protocol === "https:" && (host === store.domain || host.endsWith(`.${store.domain}`));
    return ok ? url.origin : null;
  } catch {
    return null;
  }
}

function corsHeaders(origin: string | null): Record<string, string> {
  return origin
    ? { "Access-Control-Allow-Origin": origin, "Access-Control-Allow-Methods": "POST, OPTIONS", "Access-Control-Allow-Headers": "Content-Type", "Access-Control-Max-Age": "600", Vary: "Origin" }
    : { Vary: "Origin" };
}

export async function storefrontPreflight(request: Request, storeRef: string): Promise<Response> {
  const store = await findStore(storeRef);
  const origin = store ? allowedOrigin(request.headers.get("origin"), store) : null;
  return new Response(null, { status: origin ? 204 : 403, headers: corsHeaders(origin) });
}

export async function storefrontSignUp(request: Request, storeRef: string): Promise<Response> {
  let cors: Record<string, string> = { Vary: "Origin" };
  try {
    const store = await findStore(storeRef);
    if (!store) throw new AppError("not_found", "No store with that id.");
    const origin = request.headers.get("origin");
    const allowed = allowedOrigin(origin, store);
    cors = corsHeaders(allowed);
    // A browser on another site gets no CORS grant; refuse outright rather than act for it.
    if (origin && !allowed) throw new AppError("forbidden", `Sign-ups for this store are accepted from https://${store.domain} only.`);

    const ip = apiRequestContext(request).ip ?? "unknown";
    const limit = await takeApiToken(`storefront:${ip}`, perIp);
    if (!limit.allowed) {
      throw new AppError("rate_limited", `Too many sign-ups from your address; try again in ${limit.retryAfterSeconds} s.`, { retry_after_seconds: limit.retryAfterSeconds });
    }

    const body = await readJsonBody(request, maxBodyBytes);
    const parsed = notificationInputSchema.safeParse(body);
    if (!parsed.success) {
      const first = parsed.error.issues[0]!;
      throw new AppError("bad_request", `${first.path.length ? `${first.path.join(".")}: ` : ""}${first.message}`, validationDetails(parsed.error));
    }
    const { notification, created } = await createNotification(store.id, parsed.data);
    return jsonResponse(notificationView(notification), { status: created ? 201 : 200, headers: { ...cors, "Cache-Control": "no-store" } });
  } catch (error) {
    if (!isAppError(error)) throw error;
    const headers: Record<string, string> = { ...cors, "Cache-Control": "no-store" };
    if (error.code === "rate_limited") headers["Retry-After"] = String((error.details as { retry_after_seconds: number }).retry_after_seconds);
    return errorResponse(error.code, error.message, error.details, headers);
  }
}
