import Form from "next/form";
import { FilterActions, FilterInput } from "@/components/ui/filter-fields";
import { SelectField } from "@/components/ui/select-field";
import { deliveryStatusLabel } from "./delivery-status-badge";
import { deliveryStatuses, type DeliverySearch } from "@/lib/webhooks/log/delivery-search";
import { eventTopics } from "@/lib/webhooks/topics";

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
        <FilterInput
          label="Look up"
          id="filter-q"
          name="q"
          type="search"
          defaultValue={search.q ?? ""}
          placeholder="Notification id or msg_…"
          aria-describedby="filter-q-hint"
          autoComplete="off"
          spellCheck={false}
          className="font-mono"
          wrapperClassName="col-span-2 lg:col-span-1"
        />
        <FilterInput label="Created from" id="filter-from" name="from" type="date" defaultValue={search.from ?? ""} aria-describedby="filter-q-hint" />
        <FilterInput label="Created to" id="filter-to" name="to" type="date" defaultValue={search.to ?? ""} aria-describedby="filter-q-hint" />
        <FilterActions active={active} clearHref={clearHref} className="col-span-2" />
      </Form>
      <p id="filter-q-hint" className="mt-2 text-xs text-slate-500">
        Look up a notification id (digits), a message id (<span className="font-mono">msg_…</span>, the X-BIS-Webhook-Id header) or a delivery id. Dates are
        whole days in UTC; both ends are included.
      </p>
    </section>
  );
}
