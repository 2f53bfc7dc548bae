import Form from "next/form";
import { FilterActions, FilterInput } from "@/components/ui/filter-fields";
import { SelectField } from "@/components/ui/select-field";
import type { AuditSearch } from "@/lib/support/audit-log";

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
        <FilterInput
          label="Store id"
          id="audit-store"
          name="store"
          defaultValue={search.store ?? ""}
          placeholder="sto_…"
          aria-describedby="audit-filters-hint"
          autoComplete="off"
          spellCheck={false}
          className="font-mono"
          wrapperClassName="col-span-2 lg:col-span-1"
        />
        <FilterInput
          label="Actor email contains"
          id="audit-actor"
          name="actor"
          type="search"
          defaultValue={search.actor ?? ""}
          autoComplete="off"
          spellCheck={false}
          wrapperClassName="col-span-2 lg:col-span-1"
        />
        <SelectField label="Action" id="audit-action" name="action" defaultValue={search.action ?? ""} wrapperClassName="col-span-2 lg:col-span-1">
          <option value="">Any action</option>
          {options.map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        </SelectField>
        <FilterInput label="From" id="audit-from" name="from" type="date" defaultValue={search.from ?? ""} aria-describedby="audit-filters-hint" />
        <FilterInput label="To" id="audit-to" name="to" type="date" defaultValue={search.to ?? ""} aria-describedby="audit-filters-hint" />
        <FilterActions active={active} clearHref="/support/audit" className="col-span-2 lg:col-span-5" />
      </Form>
      <p id="audit-filters-hint" className="mt-2 text-xs text-slate-500">
        A store’s id is on its support page (or open its “Audit log for this store” link). Dates are whole days in UTC; both ends are included.
      </p>
    </section>
  );
}
