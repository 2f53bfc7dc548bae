import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { JsonBlock } from "@/components/support/json-block";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { LocalTime } from "@/components/ui/local-time";
import { PageHeader } from "@/components/ui/page-header";
import { requireSupport } from "@/lib/auth/session";
import { listRejectedEvents } from "@/lib/executor/queries";
import { BackLink } from "@/components/ui/back-link";
import { Pager } from "@/components/ui/pager";

export const metadata: Metadata = { title: "Refused events · Support" };

const query = z.object({ cursor: z.string().max(300).optional().catch(undefined) });
const base = "/support/runs/refused";

export default async function RefusedEventsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireSupport();
  const { cursor } = query.parse(await searchParams);
  const { rows, nextCursor } = await listRejectedEvents({ cursor });
  return (
    <>
      <BackLink href="/support/runs">All runs</BackLink>
      <PageHeader
        title="Refused events"
        description={
          <span className="block max-w-3xl">
            Events the executor would not accept: an unknown name, or data that fails the event’s schema. Nothing of such a send was
            stored or run; the sender was answered 400. The same payload refused again is counted, not listed again.
          </span>
        }
      />
      {rows.length === 0 ? (
        <EmptyState title={cursor ? "No older refused events" : "No refused events"}>
          {cursor ? (
            <Link className="text-indigo-600 hover:text-indigo-500" href={base}>
              Back to the most recent
            </Link>
          ) : (
            "Every event the app sent so far was accepted."
          )}
        </EmptyState>
      ) : (
        <ul className="space-y-4">
          {rows.map((e) => (
            <li key={e.id} className="rounded-lg border border-slate-200 bg-white px-5 py-4 shadow-xs">
              <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
                <h2 className="font-mono text-sm font-semibold text-slate-900">{e.name || "(no name)"}</h2>
                <p className="text-xs text-slate-500">
                  Last seen <LocalTime date={e.lastSeenAt} seconds />
                  {e.occurrences > 1 && (
                    <>
                      {" "}
                      · first <LocalTime date={e.createdAt} seconds />
                    </>
                  )}
                </p>
              </div>
              <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-red-700">
                <Badge tone={e.occurrences > 1 ? "amber" : "slate"}>
                  {e.occurrences} {e.occurrences === 1 ? "time" : "times"}
                </Badge>
                <span className="break-words">{e.reason}</span>
              </p>
              <details className="mt-3 text-sm">
                <summary className="cursor-pointer text-slate-600 hover:text-slate-900">Payload</summary>
                <div className="mt-2">
                  <JsonBlock value={e.payload} label={`Payload of refused event ${e.name}`} />
                </div>
              </details>
            </li>
          ))}
        </ul>
      )}
      <Pager first={cursor ? base : null} next={nextCursor ? `${base}?cursor=${nextCursor}` : null} labels={{ first: "← Most recent", next: "Older →" }} />
    </>
  );
}
