import { DocsHeader } from "@/components/docs/docs-header";

// The developer documentation: public (proxy.ts matches only the app's own pages), no sign-in.
export default function DocsLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="min-h-screen">
      <DocsHeader />
      <main className="mx-auto max-w-6xl px-6 py-8">{children}</main>
    </div>
  );
}
