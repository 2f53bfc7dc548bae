import Link from "next/link";
import type { CatalogProduct } from "@/lib/catalog/queries";
import { SetStockForm } from "./set-stock-form";

/** One product: its variants with stock, waiting shoppers and a Set stock form each. */
export function ProductCard({ storeId, product }: { storeId: string; product: CatalogProduct }) {
  const headingId = `product-${product.id}`;
  const notifications = `/s/${storeId}/notifications`;
  return (
    <section aria-labelledby={headingId} className="rounded-lg border border-slate-200 bg-white shadow-xs">
      <header className="flex flex-wrap items-baseline justify-between gap-2 border-b border-slate-100 px-5 py-3">
        <h2 id={headingId} className="text-base font-semibold text-slate-900">
          {product.title}
        </h2>
        <span className="font-mono text-xs text-slate-500">#{String(product.id)}</span>
      </header>
      {product.variants.length === 0 ? (
        <p className="px-5 py-4 text-sm text-slate-500">This product has no variants.</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full table-fixed divide-y divide-slate-100 text-sm">
            <caption className="sr-only">Variants of {product.title}</caption>
            <thead className="text-left text-xs font-medium uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="px-5 py-2 sm:w-1/4">Variant</th>
                <th scope="col" className="hidden w-1/6 px-4 py-2 sm:table-cell">SKU</th>
                <th scope="col" className="hidden w-28 px-4 py-2 text-right sm:table-cell">Available</th>
                <th scope="col" className="hidden w-28 px-4 py-2 text-right sm:table-cell">Waiting</th>
                <th scope="col" className="w-52 px-5 py-2 sm:w-64">Set stock</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {product.variants.map((v) => (
                <tr key={String(v.id)} className="align-top" data-variant-id={String(v.id)} data-variant-label={`${product.title} · ${v.title}`}>
                  <th scope="row" className="px-5 pb-3 pt-[1.1rem] text-left font-medium break-words text-slate-900">
                    {v.title}
                    {/* Phones: the columns that do not fit, under the variant. */}
                    <p className="font-mono text-xs font-normal text-slate-500 sm:hidden">{v.sku ?? "no SKU"}</p>
                    <p className="text-xs font-normal text-slate-600 sm:hidden">
                      {v.available === 0 ? <span className="text-red-700">Sold out</span> : `${v.available.toLocaleString("en-US")} available`}
                      {v.waiting > 0 && <span className="text-amber-800"> · {v.waiting} waiting</span>}
                    </p>
                  </th>
                  <td className="hidden px-4 pb-3 pt-[1.2rem] font-mono text-xs break-all text-slate-600 sm:table-cell">{v.sku ?? <span className="font-sans text-slate-400">—</span>}</td>
                  <td className="hidden px-4 pb-3 pt-[1.1rem] text-right tabular-nums sm:table-cell">
                    {v.available === 0 ? <span className="font-medium text-red-700">Sold out</span> : v.available.toLocaleString("en-US")}
                  </td>
                  <td className="hidden px-4 pb-3 pt-[1.1rem] text-right tabular-nums sm:table-cell">
                    {v.waiting > 0 ? (
                      <Link
                        href={`${notifications}?status=waiting&product=${product.id}`}
                        className="whitespace-nowrap font-medium text-amber-800 hover:text-amber-700"
                      >
                        {v.waiting} waiting
                      </Link>
                    ) : (
                      <span className="text-slate-400">0</span>
                    )}
                  </td>
                  <td className="px-5 py-3">
                    <SetStockForm storeId={storeId} variantId={String(v.id)} available={v.available} label={`Stock for ${product.title} · ${v.title}`} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
