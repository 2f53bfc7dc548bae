// One delivery attempt: a signed POST with a 5 s budget (1 s to connect), no redirects
// followed, 2xx = success, everything else a failure with a class. The URL policy runs again
// here, on the URL and on every address its host resolves to (DNS rebinding), unless insecure
// URLs are allowed for development and tests. Plain TypeScript: no executor, no database.
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { Agent, errors as undiciErrors, request } from "undici";
import { retryAfterMs } from "@/lib/executor/backoff";
import { checkResolvedAddress, checkWebhookUrl, type UrlPolicyOptions } from "./url-policy";

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

  const allowed = checkWebhookUrl(target.url, policy);
  if (!allowed.ok) return fail("blocked_url", allowed.message);
  if (Buffer.byteLength(target.body) > maxPayloadBytes) return fail("too_large", `The payload is over ${maxPayloadBytes / 1024} KiB.`);

  // A plain controller and timer rather than AbortSignal.timeout, whose weakly held timer costs
  // more (measured: ~5 µs of ~85 µs of CPU per attempt).
  const budget = new AbortController();
  const timer = setTimeout(() => budget.abort(), attemptTimeoutMs);
  const signal = budget.signal;
  try {
    const response = await request(allowed.url, {
      method: "POST",
      body: target.body,
      headers: target.headers,
      dispatcher: agent,
      signal,
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
    const [errorClass, message] = classify(error, signal.aborted);
    return fail(errorClass, message);
  } finally {
    clearTimeout(timer);
  }
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(", ") : value;
  return flat;
}

/**
 * Reads at most 64 KiB of the body (then drops the connection's rest) and keeps the first 4 KiB,
 * without NUL characters: PostgreSQL text cannot hold them, and the log row must be writable.
 */
async function readCapped(body: AsyncIterable<Buffer> & { destroy(): void }): Promise<string> {
  const kept: Buffer[] = [];
  let keptBytes = 0;
  let readBytes = 0;
  for await (const chunk of body) {
    readBytes += chunk.length;
    if (keptBytes < keptResponseBytes) {
      const part = chunk.subarray(0, keptResponseBytes - keptBytes);
      kept.push(part);
      keptBytes += part.length;
    }
    if (readBytes >= maxReadResponseBytes) {
      body.destroy();
      break;
    }
  }
  return Buffer.concat(kept).toString("utf8").replaceAll("\u0000", "");
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
