import type { Metadata } from "next";
import Link from "next/link";
import type { OpenAPIObject, ResponseObject, SecuritySchemeObject } from "openapi3-ts/oas31";
import { CodeBlock, JsonExample } from "@/components/docs/code-block";
import { DocsPage, DocsSection, type TocEntry } from "@/components/docs/docs-toc";
import { EndpointSection } from "@/components/docs/endpoint-section";
import { Code, InlineMarkdown, MarkdownText } from "@/components/docs/inline-markdown";
import { MethodBadge, StatusBadge } from "@/components/docs/method-badge";
import { deref, operationAnchor, operationsOf } from "@/components/docs/openapi-view";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { openApiDocument } from "@/lib/api/openapi/document";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "API reference" };
// Rendered per request from the generated document (the app's env is there then, not at build).
export const dynamic = "force-dynamic";

type ErrorRow = { status: number; code: string; meaning: string; example: unknown };

function errorRows(doc: OpenAPIObject): ErrorRow[] {
  return Object.values(doc.components?.responses ?? {})
    .map((r) => deref<ResponseObject>(doc, r))
    .filter((r) => r["x-error-code"])
    .map((r) => ({
      status: r["x-status"] as number,
      code: r["x-error-code"] as string,
      meaning: r["x-meaning"] as string,
      example: Object.values(r.content?.["application/json"]?.examples ?? {}).map((e) => ("value" in e ? e.value : undefined))[0],
    }))
    .sort((a, b) => a.status - b.status);
}

export default async function ApiReferencePage() {
  const doc = await openApiDocument();
  const baseUrl = `${env().APP_URL.replace(/\/$/, "")}/api/v1`;
  const operations = operationsOf(doc);
  const schemes = Object.entries(doc.components?.securitySchemes ?? {}).map(([name, s]) => [name, deref<SecuritySchemeObject>(doc, s)] as const);
  const errors = errorRows(doc);
  const deliveries = Object.keys(doc.webhooks ?? {});

  const toc: TocEntry[] = [
    { href: "#overview", label: "Overview" },
    { href: "#authentication", label: "Authentication" },
    {
      href: "#endpoints",
      label: "Webhooks",
      children: operations.map((view) => ({
        href: `#${operationAnchor(view)}`,
        label: (
          <>
            <span className="w-11 shrink-0 font-mono text-[0.65rem] font-semibold uppercase text-slate-500">{view.method}</span>
            <span className="truncate">{view.operation.summary}</span>
          </>
        ),
      })),
    },
    { href: "#errors", label: "Errors" },
    { href: "#deliveries", label: "Webhook deliveries" },
  ];

  return (
    <DocsPage toc={toc} tocLabel="API reference contents">
      <PageHeader
        title={doc.info.title}
        description={
          <>
            Version {doc.info.version} · OpenAPI {doc.openapi} · Base URL <Code>{baseUrl}</Code>
          </>
        }
        actions={
          <a href="/api/v1/openapi.json" className={buttonClass("secondary")}>
            openapi.json
          </a>
        }
      />

      <div className="space-y-10">
        <DocsSection id="overview" title="Overview">
          <Card>
            <MarkdownText text={doc.info.description ?? ""} />
          </Card>
        </DocsSection>

        <DocsSection id="authentication" title="Authentication" description="Every request carries the store's API key, from Account → API, in either header.">
          <div className="grid gap-4 md:grid-cols-2">
            {schemes.map(([name, scheme]) => (
              <Card key={name}>
                <p className="text-sm font-semibold text-slate-900">
                  {scheme.type === "apiKey" ? (
                    <>
                      Header <Code>{scheme.name}</Code>
                    </>
                  ) : (
                    <>
                      <Code>Authorization: Bearer</Code>
                    </>
                  )}
                </p>
                <p className="mt-1 text-sm text-slate-600">
                  <InlineMarkdown text={scheme.description ?? ""} />
                </p>
                <div className="mt-3">
                  <CodeBlock
                    label={`Authenticating with ${name}`}
                    code={scheme.type === "apiKey" ? `${scheme.name}: bis_live_…` : "Authorization: Bearer bis_live_…"}
                  />
                </div>
              </Card>
            ))}
          </div>
          <p className="mt-3 text-sm text-slate-600">
            A missing or wrong key is answered <StatusBadge status="401" /> with a <Code>WWW-Authenticate: Bearer</Code> header. Keep the key
            secret: it also signs your webhooks.
          </p>
        </DocsSection>

        <DocsSection id="endpoints" title="Webhooks" description={doc.tags?.find((t) => t.name === "Webhooks")?.description}>
          <div className="space-y-8">
            {operations.map((view) => (
              <EndpointSection key={operationAnchor(view)} doc={doc} view={view} baseUrl={baseUrl} />
            ))}
          </div>
        </DocsSection>

        <DocsSection
          id="errors"
          title="Errors"
          description={
            <>
              Every error has the same shape; branch on <Code>code</Code>, show <Code>message</Code> to people, and read <Code>details</Code> where
              the code has them.
            </>
          }
        >
          <div className="space-y-6">
            <div className="overflow-x-auto rounded-md border border-slate-200 bg-white">
              <table className="min-w-full divide-y divide-slate-200 text-sm" aria-label="Error codes">
                <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
                  <tr>
                    <th scope="col" className="px-3 py-2">
                      Status
                    </th>
                    <th scope="col" className="px-3 py-2">
                      Code
                    </th>
                    <th scope="col" className="px-3 py-2">
                      When
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100 align-top">
                  {errors.map((e) => (
                    <tr key={e.code} id={`error-${e.code}`} className="scroll-mt-6 target:bg-indigo-50">
                      <td className="px-3 py-2">
                        <StatusBadge status={String(e.status)} />
                      </td>
                      <td className="whitespace-nowrap px-3 py-2 font-mono text-xs font-semibold text-slate-900">{e.code}</td>
                      <td className="px-3 py-2 text-slate-700">
                        <InlineMarkdown text={e.meaning} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <div className="grid gap-4 md:grid-cols-2">
              <JsonExample wrap caption="A 422 answer" label="Example of a validation error" value={errors.find((e) => e.status === 422)?.example} />
              <JsonExample wrap caption="A 403 answer" label="Example of a plan error" value={errors.find((e) => e.status === 403)?.example} />
            </div>
          </div>
        </DocsSection>

        <DocsSection id="deliveries" title="Webhook deliveries" description="What Back in Stock sends to your URL when an event happens.">
          <Card>
            <ul className="space-y-2 text-sm">
              {deliveries.map((topic) => (
                <li key={topic} className="flex flex-wrap items-center gap-2">
                  <MethodBadge method="post" />
                  <span className="text-slate-700">
                    your URL, for <Code>{topic}</Code>
                  </span>
                </li>
              ))}
            </ul>
            <p className="mt-3 text-sm text-slate-600">
              Payload, headers, signatures, retries and deactivation:{" "}
              <Link href="/docs/webhooks" className="font-medium text-indigo-600 hover:text-indigo-500">
                the webhooks guide
              </Link>
              . The payload schema is <Code>NotificationPayload</Code> in the OpenAPI document&apos;s <Code>webhooks</Code> section.
            </p>
          </Card>
        </DocsSection>
      </div>
    </DocsPage>
  );
}
