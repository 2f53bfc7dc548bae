import Form from "next/form";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/select-field";
import { deliveryStatusLabel } from "./delivery-status-badge";
import { deliveryStatuses, type DeliverySearch } from "@/lib/webhooks/log/delivery-search";
import { eventTopics } from "@/lib/webhooks/topics";

const inputClass =
  "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-xs focus:outline-2 focus:outline-offset-0 focus:outline-indigo-600";

/**
 * The log's filters and lookup, as a GET form: they live in the URL (shareable, the back button
 * works, no JavaScript needed), and filtering starts again from the newest delivery.
 */
export function DeliveryFilters({ action, search, keep, clearHref }: { action: string; search: DeliverySearch; keep: Record<string, string>; clearHref: string }) {
  const active = Boolean(search.status || search.topic || search.kind || search.from || search.to || search.q);
  return (
    <section aria-labelledby="delivery-filters" className="mb-4 rounded-lg border border-slate-200 bg-white px-4 py-4 shadow-xs">
      <h2 id="delivery-filters" className="sr-only">
        Filter deliveries
      </h2>
      <Form key={JSON.stringify(search)} action={action} className="grid grid-cols-2 gap-3 lg:grid-cols-[repeat(3,minmax(0,1fr))_minmax(0,1.3fr)] lg:items-end">
        {Object.entries(keep).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <SelectField label="Status" id="filter-status" name="status" defaultValue={search.status ?? ""}>
          <option value="">Any status</option>
          {deliveryStatuses.map((s) => (
            <option key={s} value={s}>
              {deliveryStatusLabel[s.toUpperCase() as keyof typeof deliveryStatusLabel]}
            </option>
          ))}
        </SelectField>
        <SelectField label="Topic" id="filter-topic" name="topic" defaultValue={search.topic ?? ""}>
          <option value="">Any topic</option>
          {eventTopics.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </SelectField>
        <SelectField label="Kind" id="filter-kind" name="kind" defaultValue={search.kind ?? ""}>
          <option value="">Real and test</option>
          <option value="real">Real events</option>
          <option value="test">Test payloads</option>
        </SelectField>
        <div className="col-span-2 min-w-0 space-y-1.5 lg:col-span-1">
          <label htmlFor="filter-q" className="block text-sm font-medium text-slate-800">
            Look up
          </label>
          <input
            id="filter-q"
            name="q"
            type="search"
            defaultValue={search.q ?? ""}
            placeholder="Notification id or msg_…"
            aria-describedby="filter-q-hint"
            autoComplete="off"
            spellCheck={false}
            className={`${inputClass} font-mono`}
          />
        </div>
        <div className="min-w-0 space-y-1.5">
          <label htmlFor="filter-from" className="block text-sm font-medium text-slate-800">
            Created from
          </label>
          <input id="filter-from" name="from" type="date" defaultValue={search.from ?? ""} aria-describedby="filter-q-hint" className={inputClass} />
        </div>
        <div className="min-w-0 space-y-1.5">
          <label htmlFor="filter-to" className="block text-sm font-medium text-slate-800">
            Created to
          </label>
          <input id="filter-to" name="to" type="date" defaultValue={search.to ?? ""} aria-describedby="filter-q-hint" className={inputClass} />
        </div>
        <div className="col-span-2 flex items-center gap-3">
          <Button type="submit" variant="secondary">
            Filter
          </Button>
          {active && (
            <Link href={clearHref} className="whitespace-nowrap text-sm font-medium text-indigo-600 hover:text-indigo-500">
              Clear filters
            </Link>
          )}
        </div>
      </Form>
      <p id="filter-q-hint" className="mt-2 text-xs text-slate-500">
        Look up a notification id (digits), a message id (<span className="font-mono">msg_…</span>, the X-BIS-Webhook-Id header) or a delivery id. Dates are
        whole days in UTC; both ends are included.
      </p>
    </section>
  );
}
