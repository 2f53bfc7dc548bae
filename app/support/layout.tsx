import Link from "next/link";
import { Logo } from "@/components/shell/logo";
import { SignOutButton } from "@/components/shell/sign-out-button";
import { SupportNav } from "@/components/support/support-nav";
import { Badge } from "@/components/ui/badge";
import { requireSupport } from "@/lib/auth/session";

export default async function SupportLayout({ children }: { children: React.ReactNode }) {
  const user = await requireSupport();
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-800 bg-slate-900 text-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-x-6 gap-y-3 px-6 py-4">
          <div className="flex flex-wrap items-center gap-x-6 gap-y-3">
            <Link href="/support" className="flex items-center gap-3">
              <Logo className="text-white" />
              <Badge tone="amber">Support console</Badge>
            </Link>
            <SupportNav />
          </div>
          <div className="flex min-w-0 items-center gap-3 text-sm text-slate-300">
            <span className="truncate">{user.email}</span>
            <div className="[&_button]:text-slate-300 [&_button:hover]:bg-slate-800 [&_button:hover]:text-white">
              <SignOutButton />
            </div>
          </div>
        </div>
      </header>
      <main className="mx-auto max-w-6xl px-6 py-8">{children}</main>
    </div>
  );
}
