import type { ErrorCode } from "@/lib/errors";
import { errorStatus } from "@/lib/errors";

// Every API response: JSON (or empty), never cached by a browser or a proxy.

/** The error body every endpoint answers with: {"error":{"code","message","details"}}. */
export type ApiErrorBody = { error: { code: ErrorCode; message: string; details: unknown } };

export function jsonResponse(body: unknown, init: { status?: number; headers?: HeadersInit } = {}): Response {
  const headers = new Headers(init.headers);
  headers.set("Content-Type", "application/json; charset=utf-8");
  headers.set("Cache-Control", "no-store");
  return new Response(JSON.stringify(body), { status: init.status ?? 200, headers });
}

export function noContent(headers?: HeadersInit): Response {
  const h = new Headers(headers);
  h.set("Cache-Control", "no-store");
  return new Response(null, { status: 204, headers: h });
}

export function errorBody(code: ErrorCode, message: string, details?: unknown): ApiErrorBody {
  return { error: { code, message, details: details ?? null } };
}

export function errorResponse(code: ErrorCode, message: string, details?: unknown, headers?: HeadersInit): Response {
  return jsonResponse(errorBody(code, message, details), { status: errorStatus[code], headers });
}
