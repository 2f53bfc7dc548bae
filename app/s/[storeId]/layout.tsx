import { AppHeader } from "@/components/shell/app-header";
import { listStoresForUser } from "@/lib/accounts/store-access";
import { requireStoreMember } from "@/lib/auth/session";

export default async function StoreLayout({ children, params }: { children: React.ReactNode; params: Promise<{ storeId: string }> }) {
  const { storeId } = await params;
  const { user, store } = await requireStoreMember(storeId);
  const stores = await listStoresForUser(user.id);
  return (
    <div className="min-h-screen">
      <AppHeader store={store} stores={stores} user={user} />
      <main className="mx-auto max-w-6xl px-6 py-8">{children}</main>
    </div>
  );
}
