import type { MediaTypeObject, OpenAPIObject, ParameterObject, ReferenceObject, RequestBodyObject, SchemaObject } from "openapi3-ts/oas31";
import { Badge } from "@/components/ui/badge";
import { CodeBlock, JsonExample } from "./code-block";
import { FieldsTable } from "./fields-table";
import { InlineMarkdown, MarkdownText } from "./inline-markdown";
import { MethodBadge, StatusBadge } from "./method-badge";
import { deref, fieldsOf, operationAnchor, parameterFields, refName, responsesOf, type OperationView } from "./openapi-view";

function exampleOf(media: MediaTypeObject | undefined): unknown {
  if (!media) return undefined;
  if (media.example !== undefined) return media.example;
  const first = Object.values(media.examples ?? {})[0];
  return first && "value" in first ? first.value : undefined;
}

/** A curl command for the operation, with the path's example values and the example body. */
function curlFor(doc: OpenAPIObject, view: OperationView, baseUrl: string, body: unknown): string {
  let path = view.path;
  for (const p of (view.operation.parameters ?? []).map((x) => deref<ParameterObject>(doc, x))) {
    if (p.in !== "path") continue;
    const schema = p.schema ? deref<SchemaObject>(doc, p.schema as SchemaObject | ReferenceObject) : undefined;
    const example = (schema?.examples as unknown[] | undefined)?.[0] ?? `<${p.name}>`;
    path = path.replace(`{${p.name}}`, String(example));
  }
  const lines = [`curl -X ${view.method.toUpperCase()} "${baseUrl}${path}"`, `  -H "X-Auth-Token: $BIS_API_KEY"`];
  if (body !== undefined) lines.push(`  -H "Content-Type: application/json"`, `  -d '${JSON.stringify(body, null, 2).replace(/\n/g, "\n  ")}'`);
  return lines.join(" \\\n");
}

function Subheading({ children }: { children: React.ReactNode }) {
  return <h4 className="mb-2 text-sm font-semibold text-slate-900">{children}</h4>;
}

/** One operation of the API: what it does, its parameters, body, answers and errors, with examples. */
export function EndpointSection({ doc, view, baseUrl }: { doc: OpenAPIObject; view: OperationView; baseUrl: string }) {
  const { operation } = view;
  const anchor = operationAnchor(view);
  const params = parameterFields(doc, operation);
  const requestBody = operation.requestBody ? deref<RequestBodyObject>(doc, operation.requestBody) : undefined;
  const requestMedia = requestBody?.content["application/json"];
  const requestExample = exampleOf(requestMedia);
  const responses = responsesOf(doc, operation);
  const success = responses.filter((r) => r.status.startsWith("2"));
  const errors = responses.filter((r) => !r.status.startsWith("2"));
  const plans = operation["x-plans"] as string[] | undefined;
  const description = (operation.description ?? "").replace(/\n\nRequires a plan with webhooks \([^)]*\)\.$|\n\nAllowed on every plan\.$/, "");

  return (
    <section id={anchor} aria-labelledby={`${anchor}-title`} className="scroll-mt-6 rounded-lg border border-slate-200 bg-white shadow-xs">
      <header className="border-b border-slate-100 px-5 py-4">
        <div className="flex flex-wrap items-center gap-3">
          <MethodBadge method={view.method} />
          <code className="font-mono text-sm font-semibold text-slate-900">/api/v1{view.path}</code>
          {plans ? <Badge tone="indigo">{plans.join(", ")}</Badge> : <Badge tone="emerald">Every plan</Badge>}
        </div>
        <h3 id={`${anchor}-title`} className="mt-2 text-lg font-semibold text-slate-900">
          {operation.summary}
        </h3>
        <MarkdownText text={description} className="mt-1" />
      </header>

      <div className="space-y-6 px-5 py-5">
        {params.length > 0 && (
          <div>
            <Subheading>Parameters</Subheading>
            <FieldsTable fields={params} label={`${operation.summary}: parameters`} nameHeader="Parameter" />
          </div>
        )}
        {requestMedia?.schema && (
          <div>
            <Subheading>
              Request body <span className="font-normal text-slate-500">(application/json{refName(requestMedia.schema) ? `, ${refName(requestMedia.schema)}` : ""})</span>
            </Subheading>
            {requestBody?.description && (
              <p className="mb-2 text-sm text-slate-600">
                <InlineMarkdown text={requestBody.description} />
              </p>
            )}
            <FieldsTable fields={fieldsOf(doc, requestMedia.schema)} label={`${operation.summary}: request body`} />
          </div>
        )}
        <div>
          <Subheading>Responses</Subheading>
          <ul className="space-y-3 text-sm">
            {success.map(({ status, response }) => {
              const media = response.content?.["application/json"];
              const extraHeaders = Object.keys(response.headers ?? {}).filter((h) => !/^(X-Request-Id|RateLimit-)/.test(h));
              return (
                <li key={status}>
                  <div className="flex flex-wrap items-center gap-2">
                    <StatusBadge status={status} />
                    <span className="text-slate-700">{response.description}</span>
                    {media?.schema && <span className="font-mono text-xs text-slate-500">{refName(media.schema)}</span>}
                    {extraHeaders.map((h) => (
                      <Badge key={h}>header {h}</Badge>
                    ))}
                  </div>
                  {media?.schema && (
                    <details className="mt-2">
                      <summary className="cursor-pointer text-xs font-medium text-indigo-600 hover:text-indigo-500">Response fields</summary>
                      <div className="mt-2">
                        <FieldsTable fields={fieldsOf(doc, media.schema)} label={`${operation.summary}: response fields`} />
                      </div>
                    </details>
                  )}
                </li>
              );
            })}
            <li className="flex flex-wrap items-center gap-x-3 gap-y-2">
              <span className="text-slate-500">Errors:</span>
              {errors.map(({ status, response }) => {
                const code = (response["x-error-code"] as string | undefined) ?? response.description;
                return (
                  <a
                    key={status}
                    href={`#error-${code}`}
                    title={(response["x-meaning"] as string | undefined)?.replace(/`/g, "")}
                    className="inline-flex items-center gap-1.5 rounded text-xs text-slate-700 hover:text-indigo-600"
                  >
                    <StatusBadge status={status} />
                    <span className="font-mono">{code}</span>
                  </a>
                );
              })}
            </li>
          </ul>
        </div>

        <div className="space-y-4">
          <CodeBlock caption="Example request" label={`${operation.summary}: example request`} code={curlFor(doc, view, baseUrl, requestExample)} />
          {success.map(({ status, response }) => {
            const example = exampleOf(response.content?.["application/json"]);
            return example === undefined ? (
              <CodeBlock key={status} caption={`Example response ${status}`} label={`${operation.summary}: example response`} code={`HTTP/1.1 ${status} No Content`} />
            ) : (
              <JsonExample key={status} caption={`Example response ${status}`} label={`${operation.summary}: example response`} value={example} />
            );
          })}
        </div>
      </div>
    </section>
  );
}
