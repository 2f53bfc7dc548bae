import { redirect } from "next/navigation";
import { EmptyState } from "@/components/ui/empty-state";
import { listStoresForUser } from "@/lib/accounts/store-access";
import { requireUser } from "@/lib/auth/session";
import { SignOutButton } from "@/components/shell/sign-out-button";

// Home: support staff go to the console, merchants to their (first) store.
export default async function Home() {
  const user = await requireUser();
  if (user.role === "SUPPORT") redirect("/support");
  const [first] = await listStoresForUser(user.id);
  if (first) redirect(`/s/${first.id}/dashboard`);
  return (
    <main className="mx-auto max-w-lg px-6 py-24">
      <EmptyState title="You are not a member of any store" action={<SignOutButton />}>
        Ask the store owner to invite {user.email}, or sign up to create a store of your own.
      </EmptyState>
    </main>
  );
}
