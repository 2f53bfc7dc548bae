// One delivery attempt: a signed POST with a 5 s budget (1 s to connect), no redirects
// followed, 2xx = success, everything else a failure with a class. The URL policy runs again
// here, on the URL and on every address its host resolves to (DNS rebinding), unless insecure
// URLs are allowed for development and tests. Plain TypeScript: no executor, no database.
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import type { IncomingHttpHeaders } from "node:http";
import { Agent, type Dispatcher, errors as undiciErrors } from "undici";
import { retryAfterMs } from "@/lib/executor/backoff";
import { checkResolvedAddress, checkWebhookUrl, type UrlPolicyOptions, type UrlPolicyRefusal } from "./url-policy";

export const attemptTimeoutMs = 5000;
export const connectTimeoutMs = 1000;
/** Response bytes kept for the log, and the most ever read. */
export const keptResponseBytes = 4096;
export const maxReadResponseBytes = 64 * 1024;
/** A payload over this is not sent at all (ours are ~600 bytes). */
export const maxPayloadBytes = 256 * 1024;

export type ErrorClass = "timeout" | "dns" | "tls" | "refused" | "reset" | "http_4xx" | "http_5xx" | "redirect" | "blocked_url" | "too_large";

export type AttemptResult = {
  ok: boolean;
  status: number | null;
  errorClass: ErrorClass | null;
  errorMessage: string | null;
  startedAt: Date;
  durationMs: number;
  responseHeaders: Record<string, string> | null;
  /** The first 4 KiB of the response body (UTF-8, replacement characters for bad bytes). */
  responseBody: string | null;
  /** What the receiver asked for with Retry-After on 429/503, in ms. */
  retryAfterMs: number | null;
  /** 410 Gone: the receiver says this webhook should stop. */
  gone: boolean;
};

/** Resolves a host name; replaceable in tests to simulate DNS answers (rebinding). */
export type Resolve = (hostname: string) => Promise<LookupAddress[]>;

const systemResolve: Resolve = (hostname) =>
  new Promise((resolve, reject) => dnsLookup(hostname, { all: true }, (error, addresses) => (error ? reject(error) : resolve(addresses))));

class BlockedAddressError extends Error {
  readonly code = "EBLOCKED";
}

export type DeliveryAgentOptions = { policy: UrlPolicyOptions; resolve?: Resolve; connections?: number };

/**
 * A connection pool per origin (keep-alive) whose connect step checks every resolved address
 * against the URL policy before any byte is sent.
 */
export function createDeliveryAgent({ policy, resolve = systemResolve, connections = 16 }: DeliveryAgentOptions): Agent {
  return new Agent({
    connections,
    keepAliveTimeout: 30_000,
    connect: {
      timeout: connectTimeoutMs,
      lookup: (hostname, options, callback) => {
        resolve(hostname).then(
          (addresses) => {
            const allowed = addresses.filter((a) => checkResolvedAddress(a.address, policy).ok);
            if (addresses.length > 0 && allowed.length < addresses.length) {
              callback(new BlockedAddressError(`${hostname} resolves to a private or reserved address`), "", 0);
              return;
            }
            if ((options as { all?: boolean }).all) callback(null, allowed as never, 0);
            else callback(null, allowed[0]!.address, allowed[0]!.family);
          },
          (error: NodeJS.ErrnoException) => callback(error, "", 0),
        );
      },
    },
  });
}

const outOfTime = () => new undiciErrors.RequestAbortedError("The attempt ran out of time");

/**
 * One POST through undici's dispatch API, its response kept as it arrives: the status, the
 * headers and the first 4 KiB of the body, at most 64 KiB read (then the connection's rest is
 * dropped). request() wraps every response in a Readable stream and promises: measured on a
 * keep-alive loop here, 28 µs of CPU per request against 15 µs through this handler.
 */
class Exchange implements Dispatcher.DispatchHandler {
  readonly done: Promise<{ status: number; headers: Record<string, string>; body: string }>;
  /** The attempt's budget ran out: its request is aborted (or, not started yet, once it starts). */
  expired = false;
  private settle!: { resolve: (value: Awaited<Exchange["done"]>) => void; reject: (error: unknown) => void };
  private controller: Dispatcher.DispatchController | null = null;
  private status = 0;
  private headers: Record<string, string> = {};
  private readonly kept: Buffer[] = [];
  private keptBytes = 0;
  private readBytes = 0;
  private capped = false;

  constructor(readonly deadlineAt: number) {
    this.done = new Promise((resolve, reject) => (this.settle = { resolve, reject }));
  }

  expire() {
    this.expired = true;
    if (this.controller) this.controller.abort(outOfTime());
    else this.settle.reject(outOfTime()); // still waiting for a connection: it is aborted as it starts
  }

  onRequestStart(controller: Dispatcher.DispatchController) {
    this.controller = controller;
    if (this.expired) controller.abort(outOfTime());
  }

  onResponseStart(_controller: Dispatcher.DispatchController, statusCode: number, headers: IncomingHttpHeaders) {
    this.status = statusCode;
    this.headers = flattenHeaders(headers);
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer) {
    this.readBytes += chunk.length;
    if (this.keptBytes < keptResponseBytes) {
      const part = chunk.subarray(0, keptResponseBytes - this.keptBytes);
      this.kept.push(part);
      this.keptBytes += part.length;
    }
    if (this.readBytes >= maxReadResponseBytes && !this.capped) {
      this.capped = true;
      controller.abort(new undiciErrors.RequestAbortedError("Response read up to its cap"));
    }
  }

  onResponseEnd() {
    this.finish();
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error) {
    if (this.capped) this.finish();
    else this.settle.reject(error);
  }

  /** Without NUL characters: PostgreSQL text cannot hold them, and the log row must be writable. */
  private finish() {
    this.settle.resolve({ status: this.status, headers: this.headers, body: Buffer.concat(this.kept, this.keptBytes).toString("utf8").replaceAll("\u0000", "") });
  }
}

/**
 * The budgets of the attempts in flight, checked by one timer every 100 ms while there are any
 * (an attempt times out 5.0–5.1 s after it starts). A timer and an AbortController per attempt
 * cost ~4 % of a delivery's CPU at thousands per second.
 */
const deadlines = new (class {
  private readonly pending = new Set<Exchange>();
  private ticker: NodeJS.Timeout | null = null;

  start(exchange: Exchange) {
    this.pending.add(exchange);
    this.ticker ??= setInterval(() => this.expire(), 100);
  }

  finish(exchange: Exchange) {
    this.pending.delete(exchange);
    if (this.pending.size === 0 && this.ticker) {
      clearInterval(this.ticker);
      this.ticker = null;
    }
  }

  private expire() {
    const now = performance.now();
    for (const exchange of this.pending) {
      if (exchange.deadlineAt > now) continue;
      this.pending.delete(exchange);
      exchange.expire();
    }
  }
})();

export async function attemptDelivery(agent: Agent, policy: UrlPolicyOptions, target: { url: string; body: string; headers: Record<string, string> }): Promise<AttemptResult> {
  const startedAt = new Date();
  const started = performance.now();
  const fail = (errorClass: ErrorClass, errorMessage: string, rest: Partial<AttemptResult> = {}): AttemptResult => ({
    ok: false,
    status: null,
    errorClass,
    errorMessage,
    startedAt,
    durationMs: Math.round(performance.now() - started),
    responseHeaders: null,
    responseBody: null,
    retryAfterMs: null,
    gone: false,
    ...rest,
  });

  const allowed = checkedUrl(target.url, policy);
  if (!allowed.ok) return fail("blocked_url", allowed.message);
  if (Buffer.byteLength(target.body) > maxPayloadBytes) return fail("too_large", `The payload is over ${maxPayloadBytes / 1024} KiB.`);

  const exchange = new Exchange(started + attemptTimeoutMs);
  deadlines.start(exchange);
  try {
    // No redirect interceptor on the agent: a 3xx comes back as it is, never followed.
    agent.dispatch(
      { origin: allowed.origin, path: allowed.path, method: "POST", body: target.body, headers: target.headers, headersTimeout: attemptTimeoutMs, bodyTimeout: attemptTimeoutMs },
      exchange,
    );
    const { status, headers: responseHeaders, body: responseBody } = await exchange.done;
    const rest = { status, responseHeaders, responseBody, durationMs: Math.round(performance.now() - started) };
    if (status >= 200 && status < 300) return { ok: true, errorClass: null, errorMessage: null, startedAt, retryAfterMs: null, gone: false, ...rest };
    const retryAfter = status === 429 || status === 503 ? retryAfterMs(responseHeaders["retry-after"] ?? null) : null;
    if (status >= 300 && status < 400) {
      return fail("redirect", `The endpoint redirected (${status}${responseHeaders.location ? ` to ${responseHeaders.location}` : ""}); redirects are not followed.`, rest);
    }
    return fail(status >= 500 ? "http_5xx" : "http_4xx", `The endpoint answered ${status}.`, { ...rest, retryAfterMs: retryAfter, gone: status === 410 });
  } catch (error) {
    const [errorClass, message] = classify(error, exchange.expired);
    return fail(errorClass, message);
  } finally {
    deadlines.finish(exchange);
  }
}

/** A URL the policy admits, split as undici's dispatch takes it. */
type CheckedUrl = { ok: true; origin: string; path: string } | UrlPolicyRefusal;

/**
 * The URL policy's verdict on a URL's text, kept for the URLs seen last: it depends only on the
 * text and the policy, and every attempt asks (parsing it each time was ~3 % of a delivery's CPU).
 * The resolved address is still checked at every connect.
 */
const checkedUrls = new Map<string, CheckedUrl>();
function checkedUrl(url: string, policy: UrlPolicyOptions): CheckedUrl {
  const key = `${policy.allowInsecure ? 1 : 0} ${policy.appHost ?? ""} ${url}`;
  let verdict = checkedUrls.get(key);
  if (!verdict) {
    if (checkedUrls.size >= 1000) checkedUrls.clear();
    const result = checkWebhookUrl(url, policy);
    verdict = result.ok ? { ok: true, origin: result.url.origin, path: `${result.url.pathname}${result.url.search}` } : result;
    checkedUrls.set(key, verdict);
  }
  return verdict;
}

function flattenHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const name in headers) {
    const value = headers[name];
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return flat;
}

function classify(error: unknown, timedOut: boolean): [ErrorClass, string] {
  const cause = (error as { cause?: unknown })?.cause ?? error;
  const code = String((cause as { code?: unknown })?.code ?? (error as { code?: unknown })?.code ?? "");
  if (code === "EBLOCKED" || error instanceof BlockedAddressError || cause instanceof BlockedAddressError) {
    return ["blocked_url", (cause as Error).message ?? "The host resolves to a private or reserved address."];
  }
  if (
    timedOut ||
    error instanceof undiciErrors.ConnectTimeoutError ||
    error instanceof undiciErrors.HeadersTimeoutError ||
    error instanceof undiciErrors.BodyTimeoutError ||
    code === "ETIMEDOUT" ||
    code === "UND_ERR_CONNECT_TIMEOUT"
  ) {
    return ["timeout", `The endpoint took longer than ${attemptTimeoutMs / 1000} s to answer.`];
  }
  if (code === "ENOTFOUND" || code === "EAI_AGAIN" || code === "ENODATA") return ["dns", "The endpoint's host name does not resolve."];
  if (code === "ECONNREFUSED") return ["refused", "The endpoint refused the connection."];
  if (/^(ERR_TLS|ERR_SSL|CERT_|DEPTH_ZERO|SELF_SIGNED|UNABLE_TO_)/.test(code) || /certificate|TLS|SSL/i.test(String((cause as Error)?.message))) {
    return ["tls", `The TLS handshake failed (${code || (cause as Error).message}).`];
  }
  return ["reset", `The connection was dropped (${code || (cause as Error)?.message || "unknown error"}).`];
}
