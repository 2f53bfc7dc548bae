"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";

const items = [
  { href: "/support", label: "Stores", matches: (p: string) => p === "/support" || p.startsWith("/support/stores") },
  { href: "/support/runs", label: "Runs", matches: (p: string) => p === "/support/runs" || p.startsWith("/support/runs/") },
  { href: "/support/audit", label: "Audit log", matches: (p: string) => p === "/support/audit" || p.startsWith("/support/audit/") },
];

/** The support console's sections, in its dark header. */
export function SupportNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Support" className="flex items-center gap-1">
      {items.map((item) => {
        const active = item.matches(pathname);
        return (
          <Link
            key={item.href}
            href={item.href}
            aria-current={active ? "page" : undefined}
            className={`rounded-md px-2.5 py-1.5 text-sm font-medium ${
              active ? "bg-slate-800 text-white" : "text-slate-300 hover:bg-slate-800 hover:text-white"
            }`}
          >
            {item.label}
          </Link>
        );
      })}
    </nav>
  );
}
