import type { Metadata } from "next";
import Link from "next/link";
import { AuditFilters } from "@/components/support/audit-filters";
import { AuditLogTable } from "@/components/support/audit-log-table";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pager } from "@/components/ui/pager";
import { requireSupport } from "@/lib/auth/session";
import { auditSearchString, auditStoreName, listAuditActions, listAuditLog, parseAuditSearch, type AuditSearch } from "@/lib/support/audit-log";

export const metadata: Metadata = { title: "Audit log · Support" };

const href = (search: AuditSearch) => `/support/audit${auditSearchString(search)}`;

export default async function SupportAuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireSupport();
  const search = parseAuditSearch(await searchParams);
  const { cursor, ...filtersOnly } = search;
  const filtered = Boolean(search.store || search.actor || search.action || search.from || search.to);
  const [{ rows, nextCursor }, actions, storeName] = await Promise.all([
    listAuditLog(search),
    listAuditActions(),
    search.store ? auditStoreName(search.store) : Promise.resolve(null),
  ]);
  return (
    <>
      <PageHeader
        title="Audit log"
        description={
          search.store ? (
            storeName ? (
              <>
                Entries for{" "}
                <Link href={`/support/stores/${search.store}`} className="font-medium text-indigo-600 hover:text-indigo-500">
                  {storeName}
                </Link>
                , newest first.
              </>
            ) : (
              <>
                No store has the id <span className="font-mono">{search.store}</span> now; entries recorded for it still show.
              </>
            )
          ) : (
            "Every look and action by support staff, owners, members and API keys, newest first."
          )
        }
      />
      <AuditFilters search={search} actions={actions} />
      {rows.length === 0 ? (
        cursor ? (
          <EmptyState title="No older entries">
            <Link className="text-indigo-600 hover:text-indigo-500" href={href(filtersOnly)}>
              Back to the newest
            </Link>
          </EmptyState>
        ) : filtered ? (
          <EmptyState title="No entries match">
            Nothing matches these filters.{" "}
            <Link className="font-medium text-indigo-600 hover:text-indigo-500" href="/support/audit">
              Clear filters
            </Link>
          </EmptyState>
        ) : (
          <EmptyState title="The audit log is empty">Sign-ups, webhook changes, resends and every look support staff take at a store are recorded here.</EmptyState>
        )
      ) : (
        <AuditLogTable rows={rows} caption={`Audit log entries${filtered ? " matching the filters" : ""}, newest first`} />
      )}
      <Pager first={cursor ? href(filtersOnly) : null} next={nextCursor ? href({ ...filtersOnly, cursor: nextCursor }) : null} />
    </>
  );
}
