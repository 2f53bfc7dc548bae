// One delivery attempt: a signed POST with a 5 s budget (1 s to connect), no redirects
// followed, 2xx = success, everything else a failure with a class. The URL policy runs again
// here, on the URL and on every address its host resolves to (DNS rebinding), unless insecure
// URLs are allowed for development and tests. Plain TypeScript: no executor, no database.
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { EventEmitter } from "node:events";
import type { Readable } from "node:stream";
import { Agent, errors as undiciErrors, request } from "undici";
import { retryAfterMs } from "@/lib/executor/backoff";
import { checkResolvedAddress, checkWebhookUrl, type UrlPolicyOptions, type UrlPolicyResult } from "./url-policy";

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

/** An attempt's total budget: emits "abort" (undici's signal as an EventEmitter) once it runs out. */
class Deadline extends EventEmitter {
  expired = false;
  constructor(readonly at: number) {
    super();
  }
}

/**
 * The budgets of the attempts in flight, checked by one timer every 100 ms while there are any
 * (an attempt times out 5.0–5.1 s after it starts). A timer and an AbortController per attempt
 * cost ~4 % of a delivery's CPU at thousands per second.
 */
const deadlines = new (class {
  private readonly pending = new Set<Deadline>();
  private ticker: NodeJS.Timeout | null = null;

  start(at: number): Deadline {
    const deadline = new Deadline(at);
    this.pending.add(deadline);
    this.ticker ??= setInterval(() => this.expire(), 100);
    return deadline;
  }

  finish(deadline: Deadline) {
    this.pending.delete(deadline);
    if (this.pending.size === 0 && this.ticker) {
      clearInterval(this.ticker);
      this.ticker = null;
    }
  }

  private expire() {
    const now = performance.now();
    for (const deadline of this.pending) {
      if (deadline.at > now) continue;
      deadline.expired = true;
      this.pending.delete(deadline);
      deadline.emit("abort");
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

  const deadline = deadlines.start(performance.now() + attemptTimeoutMs);
  try {
    const response = await request(allowed.url, {
      method: "POST",
      body: target.body,
      headers: target.headers,
      dispatcher: agent,
      signal: deadline,
      headersTimeout: attemptTimeoutMs,
      bodyTimeout: attemptTimeoutMs,
    });
    const responseHeaders = flattenHeaders(response.headers);
    const responseBody = await readCapped(response.body);
    const status = response.statusCode;
    const rest = { status, responseHeaders, responseBody, durationMs: Math.round(performance.now() - started) };
    if (status >= 200 && status < 300) return { ok: true, errorClass: null, errorMessage: null, startedAt, retryAfterMs: null, gone: false, ...rest };
    const retryAfter = status === 429 || status === 503 ? retryAfterMs(responseHeaders["retry-after"] ?? null) : null;
    if (status >= 300 && status < 400) {
      return fail("redirect", `The endpoint redirected (${status}${responseHeaders.location ? ` to ${responseHeaders.location}` : ""}); redirects are not followed.`, rest);
    }
    return fail(status >= 500 ? "http_5xx" : "http_4xx", `The endpoint answered ${status}.`, { ...rest, retryAfterMs: retryAfter, gone: status === 410 });
  } catch (error) {
    const [errorClass, message] = classify(error, deadline.expired);
    return fail(errorClass, message);
  } finally {
    deadlines.finish(deadline);
  }
}

/**
 * The URL policy's verdict on a URL's text, kept for the URLs seen last: it depends only on the
 * text and the policy, and every attempt asks (parsing it each time was ~3 % of a delivery's CPU).
 * The resolved address is still checked at every connect.
 */
const checkedUrls = new Map<string, UrlPolicyResult>();
function checkedUrl(url: string, policy: UrlPolicyOptions): UrlPolicyResult {
  const key = `${policy.allowInsecure ? 1 : 0} ${policy.appHost ?? ""} ${url}`;
  let verdict = checkedUrls.get(key);
  if (!verdict) {
    if (checkedUrls.size >= 1000) checkedUrls.clear();
    checkedUrls.set(key, (verdict = checkWebhookUrl(url, policy)));
  }
  return verdict;
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(", ") : value;
  return flat;
}

/**
 * Reads at most 64 KiB of the body (then drops the connection's rest) and keeps the first 4 KiB,
 * without NUL characters: PostgreSQL text cannot hold them, and the log row must be writable.
 * Plain 'data' events: an async iterator cost a promise and several ticks per chunk.
 */
function readCapped(body: Readable): Promise<string> {
  return new Promise((resolve, reject) => {
    const kept: Buffer[] = [];
    let keptBytes = 0;
    let readBytes = 0;
    const done = () => resolve(Buffer.concat(kept, keptBytes).toString("utf8").replaceAll("\u0000", ""));
    body.on("data", (chunk: Buffer) => {
      readBytes += chunk.length;
      if (keptBytes < keptResponseBytes) {
        const part = chunk.subarray(0, keptResponseBytes - keptBytes);
        kept.push(part);
        keptBytes += part.length;
      }
      if (readBytes >= maxReadResponseBytes) {
        body.destroy();
        done();
      }
    });
    body.on("end", done);
    body.on("error", reject);
  });
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
