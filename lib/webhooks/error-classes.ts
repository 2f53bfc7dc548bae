import { attemptTimeoutMs, connectTimeoutMs, maxPayloadBytes, type ErrorClass } from "./attempt";

/**
 * Every error class a delivery can show: an attempt's classes, plus `webhook_off` (a delivery
 * stopped without an attempt because its webhook was switched Off or deactivated).
 */
export type DeliveryErrorClass = ErrorClass | "webhook_off";

/** Each error class in words, for the delivery log, its detail page and the dashboard. Limits come from attempt.ts. */
export const errorClassSentences: Record<DeliveryErrorClass, string> = {
  timeout: `The endpoint took longer than ${attemptTimeoutMs / 1000} s to answer (or ${connectTimeoutMs / 1000} s to accept the connection).`,
  dns: "The host name did not resolve.",
  tls: "The secure (TLS) connection failed, for example because of an expired or untrusted certificate.",
  refused: "The endpoint refused the connection.",
  reset: "The connection was dropped before the endpoint answered.",
  http_4xx: "The endpoint answered with a client error (4xx).",
  http_5xx: "The endpoint answered with a server error (5xx).",
  redirect: "The endpoint answered with a redirect; redirects are not followed.",
  blocked_url: "The URL, or an address its host resolves to, is private or reserved, so it was not called.",
  too_large: `The payload is over ${maxPayloadBytes / 1024} KiB, so it was not sent.`,
  webhook_off: "The webhook was Off or deactivated, so the delivery was stopped without an attempt.",
};

export function isDeliveryErrorClass(value: string): value is DeliveryErrorClass {
  return Object.hasOwn(errorClassSentences, value);
}

/** The sentence for a stored class (a string column); an unknown class is shown as it is. */
export function errorClassSentence(errorClass: string): string {
  return isDeliveryErrorClass(errorClass) ? errorClassSentences[errorClass] : `Failed (${errorClass}).`;
}
