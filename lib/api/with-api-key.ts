import "server-only";
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { authenticateApiKey, type ApiKeyPrincipal } from "@/lib/api-keys/authenticate-api-key";
import { AppError, isAppError } from "@/lib/errors";
import { plans } from "@/lib/plans";
import type { WebhookActor } from "@/lib/webhooks/webhook-actor";
import { internalError, invalidApiKey, missingApiKey, planRequired, rateLimited, type PlanFeature } from "./api-errors";
import { readJsonBody } from "./read-json-body";
import { apiRateLimit, rateLimitHeaders, takeApiToken, type TokenBucket } from "./rate-limit";
import { apiKeyFrom, apiRequestContext } from "./request-context";
import { errorResponse } from "./responses";
import { parseInput } from "./validation";

type RouteParams = Record<string, string | string[] | undefined>;
type Output<S> = S extends z.ZodType ? z.output<S> : undefined;

export type ApiHandlerContext<P, Q, B> = {
  request: Request;
  /** The path parameters, parsed by `options.params`. */
  params: P;
  /** The query string, parsed by `options.query`. */
  query: Q;
  /** The JSON body, read and parsed by `options.body`. */
  body: B;
  /** The API key's store and plan. */
  auth: ApiKeyPrincipal;
  /** Who acts, for domain actions and their audit records: the API (no user), from this request. */
  actor: WebhookActor;
  requestId: string;
};

export type WithApiKeyOptions<P extends z.ZodType | undefined, Q extends z.ZodType | undefined, B extends z.ZodType | undefined> = {
  /** Refuse keys whose store's plan lacks this feature: 403 plan_required, naming the plans that have it. */
  requiredFeature?: PlanFeature;
  /** Path parameters schema (404 on a mismatch, as for an id that is not the store's). */
  params?: P;
  /** Query string schema (422 on a mismatch). */
  query?: Q;
  /** Request body schema, built per request (schemas that read env are factories). Only application/json, at most 64 KiB. */
  body?: () => B;
  /** Override the per-key token bucket (tests). */
  rateLimit?: TokenBucket;
};

export type ApiRouteHandler = (request: Request, context: { params: Promise<RouteParams> }) => Promise<Response>;

const realm = 'Bearer realm="Back in Stock API"';

/**
 * The one wrapper for every /api/v1 endpoint (the shape of dub's withWorkspace): authenticates
 * the API key (X-Auth-Token or Authorization: Bearer), applies the key's rate limit, checks the
 * plan, parses params, query and JSON body with zod, calls the handler, and maps every failure
 * to {"error":{"code","message","details"}} with its status (AppError's code → status table).
 * Anything unexpected is logged server-side (never the key or the body) and answered 500
 * internal_error without internals. Every response carries Cache-Control: no-store and
 * X-Request-Id, and once the key is known the RateLimit-* headers.
 */
export function withApiKey<
  P extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
>(
  handler: (context: ApiHandlerContext<Output<P>, Output<Q>, Output<B>>) => Promise<Response>,
  options: WithApiKeyOptions<P, Q, B> = {},
): ApiRouteHandler {
  const bucket = options.rateLimit ?? apiRateLimit;
  return async (request, routeContext) => {
    const requestId = randomUUID();
    const headers = new Headers({ "X-Request-Id": requestId });
    let keyId: string | null = null;
    let response: Response;
    try {
      const token = apiKeyFrom(request);
      if (!token) {
        headers.set("WWW-Authenticate", realm);
        throw missingApiKey();
      }
      const auth = await authenticateApiKey(token);
      if (!auth) {
        headers.set("WWW-Authenticate", `${realm}, error="invalid_token"`);
        throw invalidApiKey();
      }
      keyId = auth.keyId;

      const limit = await takeApiToken(`api:${auth.keyId}`, bucket);
      for (const [name, value] of Object.entries(rateLimitHeaders(limit))) headers.set(name, value);
      if (!limit.allowed) throw rateLimited(bucket, limit.retryAfterSeconds);

      if (options.requiredFeature && !plans[auth.plan][options.requiredFeature]) throw planRequired(options.requiredFeature, auth.plan);

      const params = (options.params ? await parsePath(options.params, await routeContext.params) : undefined) as Output<P>;
      const searchParams = Object.fromEntries(new URL(request.url).searchParams);
      const query = (options.query ? await parseInput(options.query, searchParams, "query") : undefined) as Output<Q>;
      const body = (options.body ? await parseInput(options.body()!, await readJsonBody(request), "body") : undefined) as Output<B>;

      const actor: WebhookActor = {
        storeId: auth.storeId,
        actor: { userId: null, email: null, role: "api" },
        context: apiRequestContext(request),
      };
      response = await handler({ request, params, query, body, auth, actor, requestId });
    } catch (error) {
      let appError = isAppError(error) ? error : null;
      if (!appError) {
        // Never the request's headers (they hold the key) nor its body.
        console.error(`[api] ${request.method} ${new URL(request.url).pathname} failed (request ${requestId}, key ${keyId ?? "none"}):`, describe(error));
        appError = internalError(requestId);
      }
      response = errorResponse(appError.code, appError.message, appError.details);
    }
    headers.forEach((value, name) => {
      if (!response.headers.has(name)) response.headers.set(name, value);
    });
    response.headers.set("Cache-Control", "no-store");
    return response;
  };
}

/** Path parameters that do not fit their schema name nothing: 404, like a missing resource. */
async function parsePath<S extends z.ZodType>(schema: S, params: unknown): Promise<z.output<S>> {
  const result = await schema.safeParseAsync(params);
  if (!result.success) throw new AppError("not_found", "Nothing at this path.");
  return result.data;
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return String(error);
}
