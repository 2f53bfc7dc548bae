import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { PlanBadge } from "@/components/shell/plan-badge";
import { Button, buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireSupport } from "@/lib/auth/session";
import { searchStores } from "@/lib/support/search-stores";

export const metadata: Metadata = { title: "Support" };

const query = z.object({
  q: z.string().max(200).optional().catch(undefined),
  after: z
    .string()
    .transform((v) => JSON.parse(Buffer.from(v, "base64url").toString()) as unknown)
    .pipe(z.object({ name: z.string(), id: z.string() }))
    .optional()
    .catch(undefined),
});

export default async function SupportHome({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireSupport();
  const { q = "", after } = query.parse(await searchParams);
  const { rows, next } = await searchStores(q, after);
  const nextHref = next && `/support?${new URLSearchParams({ ...(q ? { q } : {}), after: Buffer.from(JSON.stringify(next)).toString("base64url") })}`;
  return (
    <>
      <PageHeader title="Stores" description="Find a store by name, domain or owner email." />
      <form role="search" className="mb-6 flex gap-2" action="/support">
        <label htmlFor="q" className="sr-only">
          Search stores
        </label>
        <input
          id="q"
          name="q"
          defaultValue={q}
          placeholder="Store name, domain or owner email"
          className="w-full max-w-md rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
        />
        <Button type="submit">Search</Button>
      </form>
      {rows.length === 0 ? (
        <EmptyState title="No stores match">Try part of the store name, its domain, or the owner’s email address.</EmptyState>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white shadow-xs">
          {rows.map((s) => (
            <li key={s.id}>
              <Link href={`/support/stores/${s.id}`} className="flex items-center justify-between gap-4 px-5 py-3 hover:bg-slate-50">
                <div>
                  <p className="font-medium text-slate-900">{s.name}</p>
                  <p className="text-sm text-slate-500">
                    {s.domain} · {s.ownerEmail ?? "no owner"}
                  </p>
                </div>
                <PlanBadge plan={s.plan} />
              </Link>
            </li>
          ))}
        </ul>
      )}
      {(after || nextHref) && (
        <nav aria-label="Pagination" className="mt-4 flex justify-between">
          {after ? <Link className={buttonClass("secondary")} href={q ? `/support?q=${encodeURIComponent(q)}` : "/support"}>← First page</Link> : <span />}
          {nextHref && <Link className={buttonClass("secondary")} href={nextHref}>Next →</Link>}
        </nav>
      )}
    </>
  );
}
