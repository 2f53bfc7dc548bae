import { Badge } from "@/components/ui/badge";
import type { ExecutorRunStatus } from "@/lib/generated/prisma/enums";

const looks: Record<ExecutorRunStatus, { label: string; tone: "slate" | "indigo" | "emerald" | "amber" | "red" }> = {
  QUEUED: { label: "Queued", tone: "slate" },
  RUNNING: { label: "Running", tone: "indigo" },
  SLEEPING: { label: "Sleeping", tone: "slate" },
  COMPLETED: { label: "Completed", tone: "emerald" },
  FAILED: { label: "Failed", tone: "red" },
  CANCELLED: { label: "Cancelled", tone: "slate" },
};

/** A run's status; a queued run waiting out a retry's backoff reads "Retrying". */
export function RunStatusBadge({ status, retrying = false }: { status: ExecutorRunStatus; retrying?: boolean }) {
  if (retrying) return <Badge tone="amber">Retrying</Badge>;
  const look = looks[status];
  return <Badge tone={look.tone}>{look.label}</Badge>;
}
