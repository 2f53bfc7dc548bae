import type { AuditContext } from "@/lib/audit/record-audit";

/** Where an API request came from, for the audit log (the same fields as lib/auth/request-context). */
export function apiRequestContext(request: Request): AuditContext {
  const h = request.headers;
  return {
    ip: h.get("x-forwarded-for")?.split(",")[0]?.trim() || h.get("x-real-ip") || null,
    userAgent: h.get("user-agent")?.slice(0, 300) ?? null,
  };
}

/** The API key sent as `X-Auth-Token: <key>` or `Authorization: Bearer <key>`; null when neither is there. */
export function apiKeyFrom(request: Request): string | null {
  const token = request.headers.get("x-auth-token")?.trim();
  if (token) return token;
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(request.headers.get("authorization") ?? "");
  return match?.[1] ?? null;
}
