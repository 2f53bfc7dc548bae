import Link from "next/link";
import type { Plan } from "@/lib/generated/prisma/enums";
import { Logo } from "./logo";
import { NavLink } from "./nav-link";
import { PlanBadge } from "./plan-badge";
import { SignOutButton } from "./sign-out-button";
import { StoreSwitcher } from "./store-switcher";

export function AppHeader({
  store,
  stores,
  user,
}: {
  store: { id: string; name: string; plan: Plan };
  stores: { id: string; name: string }[];
  user: { name: string; email: string };
}) {
  const base = `/s/${store.id}`;
  const nav = [
    { href: `${base}/dashboard`, label: "Dashboard" },
    { href: `${base}/notifications`, label: "Notifications" },
    { href: `${base}/catalog`, label: "Catalog" },
    { href: `${base}/settings/webhooks`, label: "Settings → Webhooks" },
    { href: `${base}/deliveries`, label: "Deliveries" },
    { href: `${base}/account/api`, label: "Account → API" },
    { href: `${base}/account/plan`, label: "Account → Plan" },
  ];
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-6 pt-4">
        <div className="flex min-w-0 items-center gap-4">
          <Link href={`${base}/dashboard`} aria-label="Back in Stock home">
            <Logo />
          </Link>
          <span aria-hidden className="text-slate-300">
            /
          </span>
          <span className="truncate font-medium text-slate-800" data-testid="store-name">
            {store.name}
          </span>
          <PlanBadge plan={store.plan} />
        </div>
        <div className="flex items-center gap-3">
          {stores.length > 1 && <StoreSwitcher current={store.id} stores={stores} />}
          <span className="hidden text-sm text-slate-500 sm:inline" title={user.email}>
            {user.name}
          </span>
          <SignOutButton />
        </div>
      </div>
      <nav aria-label="Main" className="mx-auto mt-2 flex max-w-6xl gap-6 overflow-x-auto px-6">
        {nav.map((item) => (
          <NavLink key={item.href} href={item.href}>
            {item.label}
          </NavLink>
        ))}
      </nav>
    </header>
  );
}
