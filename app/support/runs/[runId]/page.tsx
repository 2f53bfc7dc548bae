import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ErrorBlock } from "@/components/support/error-block";
import { formatDuration } from "@/components/support/format-duration";
import { JsonBlock } from "@/components/support/json-block";
import { RerunRunForm } from "@/components/support/rerun-run-form";
import { RunStatusBadge } from "@/components/support/run-status-badge";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";
import { PageHeader } from "@/components/ui/page-header";
import { requireSupport } from "@/lib/auth/session";
import { getRun } from "@/lib/executor/queries";
import { BackLink } from "@/components/ui/back-link";

export const metadata: Metadata = { title: "Run · Support" };

/** "Error: message" from a serialised error; the JSON itself when it has no message. */
function errorSummary(error: unknown): string {
  if (error && typeof error === "object" && "message" in error && typeof error.message === "string") {
    const name = "name" in error && typeof error.name === "string" ? error.name : "Error";
    return `${name}: ${error.message}`;
  }
  return typeof error === "string" ? error : JSON.stringify(error);
}

function Detail({ label, children, wide = false }: { label: string; children: React.ReactNode; wide?: boolean }) {
  return (
    <div className={wide ? "col-span-2 sm:col-span-1" : undefined}>
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className="mt-1 text-sm text-slate-900">{children}</dd>
    </div>
  );
}

export default async function SupportRunPage({ params }: { params: Promise<{ runId: string }> }) {
  await requireSupport();
  const run = await getRun((await params).runId);
  if (!run) notFound();
  const canRerun = (run.status === "FAILED" || run.status === "CANCELLED") && !run.functionRemoved;
  return (
    <>
      <BackLink href="/support/runs">All runs</BackLink>
      <PageHeader
        title={run.functionName}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <RunStatusBadge status={run.status} retrying={run.retrying} />
            <span className="font-mono text-xs">{run.id}</span>
          </span>
        }
        actions={canRerun ? <RerunRunForm runId={run.id} functionName={run.functionName} /> : undefined}
      />

      <div className="space-y-6">
        {run.status === "FAILED" && (
          <Alert tone="error" title="This run failed">
            <p className="break-words">{errorSummary(run.error)}</p>
            {run.functionRemoved && <p className="mt-1">The app no longer registers this function, so it cannot be re-run.</p>}
          </Alert>
        )}
        {run.retrying && run.nextDueAt && (
          <Alert tone="warning" title="Waiting to retry">
            <p>
              Attempt {run.attempt + 1} of {run.maxAttempts} is due <LocalTime date={run.nextDueAt} seconds />.
            </p>
            <p className="mt-1 break-words">Last error: {errorSummary(run.error)}</p>
          </Alert>
        )}
        {run.status === "SLEEPING" && run.nextDueAt && (
          <Alert tone="info" title="Sleeping">
            The run resumes <LocalTime date={run.nextDueAt} seconds />.
          </Alert>
        )}

        <Card title="Details">
          <dl className="grid grid-cols-2 gap-x-6 gap-y-4 lg:grid-cols-4">
            <Detail label="Function" wide>
              {run.functionName}
              <span className="block break-all font-mono text-xs text-slate-500">{run.functionId}</span>
            </Detail>
            <Detail label="Attempt">
              {run.attempt + 1} of {run.maxAttempts}
            </Detail>
            <Detail label="Created">
              <LocalTime date={run.createdAt} seconds />
            </Detail>
            <Detail label="Started">{run.startedAt ? <LocalTime date={run.startedAt} seconds /> : "Not yet"}</Detail>
            <Detail label="Ended">{run.endedAt ? <LocalTime date={run.endedAt} seconds /> : "Not yet"}</Detail>
            <Detail label="Duration">{formatDuration(run.durationMs)}</Detail>
            {run.nextDueAt && (
              <Detail label="Next due">
                <LocalTime date={run.nextDueAt} seconds />
              </Detail>
            )}
            {run.concurrencyLimit !== null && (
              <Detail label="Concurrency" wide>
                {run.concurrencyLimit} at once{run.concurrencyKey ? <span className="block break-all font-mono text-xs text-slate-500">key {run.concurrencyKey}</span> : null}
              </Detail>
            )}
            {run.rerunOf && (
              <Detail label="Re-run of" wide>
                <Link href={`/support/runs/${run.rerunOf}`} className="break-all font-mono text-xs text-indigo-600 hover:text-indigo-500">
                  {run.rerunOf}
                </Link>
              </Detail>
            )}
          </dl>
        </Card>

        {run.error !== null && (
          <Card title={run.status === "FAILED" ? "Error" : "Last error"}>
            <ErrorBlock error={run.error} label="Run error" />
          </Card>
        )}
        {run.status === "COMPLETED" && (
          <Card title="Output">
            <JsonBlock value={run.output} label="Run output" />
          </Card>
        )}

        <Card
          title={`Steps (${run.stepCount})`}
          description={run.stepCount > run.steps.length ? `Showing the first ${run.steps.length} of ${run.stepCount} steps.` : "In the order they completed."}
        >
          {run.steps.length === 0 ? (
            <p className="text-sm text-slate-500">No step has completed yet.</p>
          ) : (
            <ol className="divide-y divide-slate-100">
              {run.steps.map((s) => (
                <li key={s.hashedId} className="py-4 first:pt-0 last:pb-0">
                  <div className="mb-2 flex flex-wrap items-center gap-x-3 gap-y-1">
                    <span aria-hidden className="grid size-6 place-items-center rounded-full bg-slate-100 text-xs font-medium tabular-nums text-slate-600">
                      {s.seq + 1}
                    </span>
                    <h3 className="font-medium text-slate-900">{s.name}</h3>
                    <Badge tone={s.error !== null ? "red" : "slate"}>{s.op}</Badge>
                    <span className={`text-xs ${s.attempts > 1 ? "text-amber-700" : "text-slate-500"}`}>
                      {s.attempts} {s.attempts === 1 ? "attempt" : "attempts"}
                    </span>
                    <span className="text-xs text-slate-500">{formatDuration(s.durationMs)}</span>
                    <span className="text-xs text-slate-500">
                      ended <LocalTime date={s.endedAt} seconds />
                    </span>
                  </div>
                  {s.error !== null ? (
                    <ErrorBlock error={s.error} label={`Error of step ${s.name}`} />
                  ) : s.data !== null ? (
                    <JsonBlock value={s.data} label={`Output of step ${s.name}`} />
                  ) : (
                    <p className="text-sm text-slate-500">No output.</p>
                  )}
                </li>
              ))}
            </ol>
          )}
        </Card>

        <Card
          title={`Events (${run.eventCount})`}
          description={run.eventCount > run.events.length ? `Showing the first ${run.events.length} of ${run.eventCount} events.` : "What triggered this run."}
        >
          <ul className="divide-y divide-slate-100">
            {run.events.map((e) => (
              <li key={e.id} className="py-4 first:pt-0 last:pb-0">
                <div className="mb-2 flex flex-wrap items-baseline gap-x-3 gap-y-1">
                  <h3 className="font-mono text-sm font-medium text-slate-900">{e.name ?? "Event no longer stored"}</h3>
                  <span className="break-all font-mono text-xs text-slate-500">{e.id}</span>
                  {e.createdAt && (
                    <span className="text-xs text-slate-500">
                      <LocalTime date={e.createdAt} seconds />
                    </span>
                  )}
                </div>
                {e.name !== null && <JsonBlock value={e.data} label={`Data of event ${e.id}`} />}
              </li>
            ))}
          </ul>
        </Card>
      </div>
    </>
  );
}
