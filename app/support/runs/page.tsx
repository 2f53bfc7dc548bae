import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { formatDuration } from "@/components/support/format-duration";
import { RunStatusBadge } from "@/components/support/run-status-badge";
import { ButtonLink } from "@/components/ui/button";
import { type Column, DataTable } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { LocalTime } from "@/components/ui/local-time";
import { PageHeader } from "@/components/ui/page-header";
import { requireSupport } from "@/lib/auth/session";
import { countRejectedEvents, countRunsByStatus, listRuns } from "@/lib/executor/queries";
import type { ExecutorRunStatus } from "@/lib/generated/prisma/enums";
import { Pager } from "@/components/ui/pager";

export const metadata: Metadata = { title: "Runs · Support" };

const filters: { value?: string; status?: ExecutorRunStatus; label: string }[] = [
  { label: "All" },
  { value: "failed", status: "FAILED", label: "Failed" },
  { value: "running", status: "RUNNING", label: "Running" },
  { value: "sleeping", status: "SLEEPING", label: "Sleeping" },
  { value: "queued", status: "QUEUED", label: "Queued" },
  { value: "completed", status: "COMPLETED", label: "Completed" },
  { value: "cancelled", status: "CANCELLED", label: "Cancelled" },
];

const columns: Column[] = [
  { label: "Function" },
  { label: "Event", className: "hidden lg:table-cell" },
  { label: "Status", className: "hidden sm:table-cell" },
  { label: "Attempt", className: "hidden text-right md:table-cell" },
  { label: "Steps", className: "hidden text-right md:table-cell" },
  { label: "Created", className: "hidden sm:table-cell" },
  { label: "Duration", className: "hidden text-right sm:table-cell" },
];

const query = z.object({
  status: z
    .enum(["failed", "running", "sleeping", "queued", "completed", "cancelled"])
    .transform((s) => s.toUpperCase() as ExecutorRunStatus)
    .optional()
    .catch(undefined),
  cursor: z.string().max(300).optional().catch(undefined),
});

function href(status: ExecutorRunStatus | undefined, cursor?: string) {
  const params = new URLSearchParams({ ...(status ? { status: status.toLowerCase() } : {}), ...(cursor ? { cursor } : {}) });
  return params.size ? `/support/runs?${params}` : "/support/runs";
}

export default async function SupportRunsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireSupport();
  const { status, cursor } = query.parse(await searchParams);
  const [{ rows, nextCursor }, counts, refused] = await Promise.all([listRuns({ status, cursor }), countRunsByStatus(), countRejectedEvents()]);
  const active = filters.find((f) => f.status === status) ?? filters[0]!;
  // Cancelled runs are rare: their tab shows only when there are some (or it is the one open).
  const shown = filters.filter((f) => f.status !== "CANCELLED" || counts.CANCELLED > 0 || status === "CANCELLED");
  return (
    <>
      <PageHeader
        title="Runs"
        description="Background function runs of the embedded executor, newest first."
        actions={
          <ButtonLink variant="secondary" href="/support/runs/refused">
            Refused events
            <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs tabular-nums text-slate-600">{refused}</span>
          </ButtonLink>
        }
      />
      <nav aria-label="Filter runs by status" className="mb-6 overflow-x-auto border-b border-slate-200">
        <ul className="flex gap-6">
          {shown.map((f) => {
            const current = f === active;
            return (
              <li key={f.label}>
                <Link
                  href={href(f.status)}
                  aria-current={current ? "page" : undefined}
                  className={`inline-flex items-center gap-2 whitespace-nowrap border-b-2 px-1 py-3 text-sm font-medium ${
                    current ? "border-indigo-600 text-indigo-700" : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900"
                  }`}
                >
                  {f.label}
                  <span
                    className={`rounded-full px-2 py-0.5 text-xs tabular-nums ${
                      current ? "bg-indigo-50 text-indigo-700" : f.status === "FAILED" && counts.FAILED > 0 ? "bg-red-50 text-red-700" : "bg-slate-100 text-slate-600"
                    }`}
                  >
                    {counts[f.status ?? "ALL"]}
                  </span>
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>

      {rows.length === 0 ? (
        cursor ? (
          <EmptyState title="No older runs">
            <Link className="text-indigo-600 hover:text-indigo-500" href={href(status)}>
              Back to the newest
            </Link>
          </EmptyState>
        ) : status ? (
          <EmptyState title={`No ${active.label.toLowerCase()} runs`}>
            There are no runs in this state right now.{" "}
            <Link className="text-indigo-600 hover:text-indigo-500" href="/support/runs">
              Show all runs
            </Link>
          </EmptyState>
        ) : (
          <EmptyState title="No runs yet">
            Runs appear here when events trigger background functions: each event a function listens to (such as{" "}
            <code className="font-mono text-xs">notification/create</code>) starts a run, whose steps, retries and outcome you can follow here.
          </EmptyState>
        )
      ) : (
        <DataTable caption={`${active.status ? `${active.label} runs` : "All runs"}, newest first`} columns={columns}>
          {rows.map((r) => (
            <tr key={r.id} className="hover:bg-slate-50">
              <td className="px-4 py-3">
                <Link href={`/support/runs/${r.id}`} className="font-medium text-indigo-600 hover:text-indigo-500">
                  {r.functionName}
                </Link>
                <p className="break-all font-mono text-xs text-slate-500">{r.id}</p>
                {/* Phones: the columns that do not fit, under the name. */}
                <p className="mt-1 flex flex-wrap items-center gap-2 text-xs text-slate-500 sm:hidden">
                  <RunStatusBadge status={r.status} retrying={r.retrying} />
                  <LocalTime date={r.createdAt} seconds />
                </p>
              </td>
              <td className="hidden px-4 py-3 lg:table-cell">
                <span className="font-mono text-xs text-slate-700">{r.firstEventName ?? "—"}</span>
                {r.eventCount > 1 && <span className="ml-1 text-xs text-slate-500">+{r.eventCount - 1} more</span>}
              </td>
              <td className="hidden whitespace-nowrap px-4 py-3 sm:table-cell">
                <RunStatusBadge status={r.status} retrying={r.retrying} />
                {r.rerunOf && <span className="ml-2 text-xs text-slate-500">re-run</span>}
              </td>
              <td className="hidden whitespace-nowrap px-4 py-3 text-right tabular-nums text-slate-600 md:table-cell">
                {r.attempt + 1} / {r.maxAttempts}
              </td>
              <td className="hidden px-4 py-3 text-right tabular-nums text-slate-600 md:table-cell">{r.stepCount}</td>
              <td className="hidden whitespace-nowrap px-4 py-3 text-slate-600 sm:table-cell">
                <LocalTime date={r.createdAt} seconds />
              </td>
              <td className="hidden whitespace-nowrap px-4 py-3 text-right tabular-nums text-slate-600 sm:table-cell">{formatDuration(r.durationMs)}</td>
            </tr>
          ))}
        </DataTable>
      )}

      <Pager first={cursor ? href(status) : null} next={nextCursor ? href(status, nextCursor) : null} />
    </>
  );
}
