import Form from "next/form";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/select-field";
import type { AuditSearch } from "@/lib/support/audit-log";

const inputClass =
  "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-xs focus:outline-2 focus:outline-offset-0 focus:outline-indigo-600";

/**
 * The audit log's filters as a GET form: they live in the URL (shareable, the back button
 * works, no JavaScript needed), and filtering starts again from the newest entry.
 */
export function AuditFilters({ search, actions }: { search: AuditSearch; actions: string[] }) {
  const active = Boolean(search.store || search.actor || search.action || search.from || search.to);
  // An action named in the URL stays selectable even when it no longer occurs.
  const options = search.action && !actions.includes(search.action) ? [...actions, search.action].sort() : actions;
  return (
    <section aria-labelledby="audit-filters" className="mb-4 rounded-lg border border-slate-200 bg-white px-4 py-4 shadow-xs">
      <h2 id="audit-filters" className="sr-only">
        Filter the audit log
      </h2>
      <Form key={JSON.stringify(search)} action="/support/audit" className="grid grid-cols-2 gap-3 lg:grid-cols-5 lg:items-end">
        <div className="col-span-2 min-w-0 space-y-1.5 lg:col-span-1">
          <label htmlFor="audit-store" className="block text-sm font-medium text-slate-800">
            Store id
          </label>
          <input
            id="audit-store"
            name="store"
            defaultValue={search.store ?? ""}
            placeholder="sto_…"
            aria-describedby="audit-filters-hint"
            autoComplete="off"
            spellCheck={false}
            className={`${inputClass} font-mono`}
          />
        </div>
        <div className="col-span-2 min-w-0 space-y-1.5 lg:col-span-1">
          <label htmlFor="audit-actor" className="block text-sm font-medium text-slate-800">
            Actor email contains
          </label>
          <input id="audit-actor" name="actor" type="search" defaultValue={search.actor ?? ""} autoComplete="off" spellCheck={false} className={inputClass} />
        </div>
        <SelectField label="Action" id="audit-action" name="action" defaultValue={search.action ?? ""} wrapperClassName="col-span-2 lg:col-span-1">
          <option value="">Any action</option>
          {options.map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        </SelectField>
        <div className="min-w-0 space-y-1.5">
          <label htmlFor="audit-from" className="block text-sm font-medium text-slate-800">
            From
          </label>
          <input id="audit-from" name="from" type="date" defaultValue={search.from ?? ""} aria-describedby="audit-filters-hint" className={inputClass} />
        </div>
        <div className="min-w-0 space-y-1.5">
          <label htmlFor="audit-to" className="block text-sm font-medium text-slate-800">
            To
          </label>
          <input id="audit-to" name="to" type="date" defaultValue={search.to ?? ""} aria-describedby="audit-filters-hint" className={inputClass} />
        </div>
        <div className="col-span-2 flex items-center gap-3 lg:col-span-5">
          <Button type="submit" variant="secondary">
            Filter
          </Button>
          {active && (
            <Link href="/support/audit" className="whitespace-nowrap text-sm font-medium text-indigo-600 hover:text-indigo-500">
              Clear filters
            </Link>
          )}
        </div>
      </Form>
      <p id="audit-filters-hint" className="mt-2 text-xs text-slate-500">
        A store’s id is on its support page (or open its “Audit log for this store” link). Dates are whole days in UTC; both ends are included.
      </p>
    </section>
  );
}
