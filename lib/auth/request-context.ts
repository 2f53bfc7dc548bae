import "server-only";
import { headers } from "next/headers";
import type { AuditContext } from "@/lib/audit/record-audit";

/** Where a request came from, for the audit log and rate limits. */
export async function requestContext(): Promise<AuditContext> {
  const h = await headers();
  return {
    ip: h.get("x-forwarded-for")?.split(",")[0]?.trim() ?? h.get("x-real-ip") ?? null,
    userAgent: h.get("user-agent")?.slice(0, 300) ?? null,
  };
}
