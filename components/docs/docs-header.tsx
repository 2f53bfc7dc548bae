import Link from "next/link";
import { Logo } from "@/components/shell/logo";
import { NavLink } from "@/components/shell/nav-link";

/** The public documentation's header: the product, the two guides, and the way into the app. */
export function DocsHeader() {
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-6 pt-4">
        <div className="flex items-center gap-4">
          <Link href="/docs/api" aria-label="Back in Stock developer docs">
            <Logo />
          </Link>
          <span aria-hidden className="text-slate-300">
            /
          </span>
          <span className="font-medium text-slate-800">Developers</span>
        </div>
        <Link href="/" className="text-sm font-medium text-indigo-600 hover:text-indigo-500">
          Open the dashboard →
        </Link>
      </div>
      <nav aria-label="Documentation" className="mx-auto mt-2 flex max-w-6xl gap-6 overflow-x-auto px-6">
        <NavLink href="/docs/api">API reference</NavLink>
        <NavLink href="/docs/webhooks">Webhooks</NavLink>
      </nav>
    </header>
  );
}
