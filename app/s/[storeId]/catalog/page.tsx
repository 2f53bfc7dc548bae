import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { ProductCard } from "@/components/catalog/product-card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireStoreMember } from "@/lib/auth/session";
import { listCatalog } from "@/lib/catalog/queries";
import { Pager } from "@/components/ui/pager";

export const metadata: Metadata = { title: "Catalog" };

const query = z.object({ cursor: z.string().max(2000).optional().catch(undefined) });

export default async function CatalogPage({
  params,
  searchParams,
}: {
  params: Promise<{ storeId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { store } = await requireStoreMember((await params).storeId);
  const { cursor } = query.parse(await searchParams);
  const { products, nextCursor } = await listCatalog(store.id, { cursor });
  const base = `/s/${store.id}/catalog`;
  return (
    <>
      <PageHeader
        title="Catalog"
        description="Your products and variants with their stock. Raising a variant's stock tells the shoppers waiting for it, oldest first, as far as the new stock goes."
      />
      {products.length === 0 ? (
        cursor ? (
          <EmptyState title="No more products">
            <Link className="text-indigo-600 hover:text-indigo-500" href={base}>
              Back to the first page
            </Link>
          </EmptyState>
        ) : (
          <EmptyState title="No products yet">Products and their variants appear here once your store&apos;s catalog is synced.</EmptyState>
        )
      ) : (
        <div className="space-y-6">
          {products.map((p) => (
            <ProductCard key={String(p.id)} storeId={store.id} product={p} />
          ))}
        </div>
      )}
      <Pager first={cursor ? base : null} next={nextCursor ? `${base}?cursor=${nextCursor}` : null} labels={{ first: "← First page", next: "Next →" }} />
    </>
  );
}
