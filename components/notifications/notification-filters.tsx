import Form from "next/form";
import { FilterActions, FilterInput } from "@/components/ui/filter-fields";
import type { NotificationSearch, ProductCount } from "@/lib/notifications/queries";
import { SelectField } from "@/components/ui/select-field";

/**
 * The filters, as a GET form: they live in the URL (shareable, back button, no JavaScript
 * needed), and filtering starts again from the newest notification.
 */
export function NotificationFilters({ action, search, products }: { action: string; search: NotificationSearch; products: ProductCount[] }) {
  const active = Boolean(search.status || search.channel || search.product || search.from || search.to);
  return (
    <section aria-labelledby="notification-filters" className="mb-4 rounded-lg border border-slate-200 bg-white px-4 py-4 shadow-xs">
      <h2 id="notification-filters" className="sr-only">
        Filter notifications
      </h2>
      {/* Remounted when the URL changes, so a summary link's choice shows in the fields too. */}
      <Form
        key={JSON.stringify(search)}
        action={action}
        className="grid grid-cols-2 gap-3 lg:grid-cols-[repeat(5,minmax(0,1fr))_auto] lg:items-end"
      >
        <SelectField label="Status" id="filter-status" name="status" defaultValue={search.status ?? ""}>
          <option value="">Any status</option>
          <option value="waiting">Waiting</option>
          <option value="sent">Sent</option>
        </SelectField>
        <SelectField label="Channel" id="filter-channel" name="channel" defaultValue={search.channel ?? ""}>
          <option value="">Any channel</option>
          <option value="email">Email</option>
          <option value="sms">SMS</option>
        </SelectField>
        <SelectField label="Product" id="filter-product" name="product" defaultValue={search.product ?? ""} wrapperClassName="col-span-2 lg:col-span-1">
          <option value="">All products</option>
          {products.map((p) => (
            <option key={String(p.productId)} value={String(p.productId)}>
              {p.title}
            </option>
          ))}
        </SelectField>
        <FilterInput label="Created from" id="filter-from" name="from" type="date" defaultValue={search.from ?? ""} aria-describedby="filter-dates-hint" />
        <FilterInput label="Created to" id="filter-to" name="to" type="date" defaultValue={search.to ?? ""} aria-describedby="filter-dates-hint" />
        <FilterActions active={active} clearHref={action} className="col-span-2 lg:col-span-1" />
      </Form>
      <p id="filter-dates-hint" className="mt-2 text-xs text-slate-500">
        Dates are whole days in UTC; both ends are included.
      </p>
    </section>
  );
}
