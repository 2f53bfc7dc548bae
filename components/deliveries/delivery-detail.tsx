import Link from "next/link";
import { CopyButton } from "@/components/ui/copy-button";
import { Panel } from "@/components/notifications/panel";
import { LocalTime } from "@/components/ui/local-time";
import { RelativeTime } from "@/components/ui/relative-time";
import { errorClassSentence } from "@/lib/webhooks/error-classes";
import { curlCommand } from "@/lib/webhooks/log/curl-command";
import type { DeliveryDetail as Detail } from "@/lib/webhooks/log/get-delivery";
import { DeliveryStatusBadge } from "./delivery-status-badge";

type Attempt = Detail["attempts"][number];

/**
 * One delivery as its log shows it: summary, the exact body sent, and every attempt with its
 * request headers (signatures redacted), the response and, for a failure, what went wrong in
 * words. `notificationHref` links the notification when the viewer may open it.
 */
export function DeliveryDetail({ delivery, notificationHref }: { delivery: Detail; notificationHref?: string }) {
  const last = delivery.attempts.at(-1);
  return (
    <div className="space-y-6">
      <dl className="grid grid-cols-2 gap-x-6 gap-y-3 rounded-lg border border-slate-200 bg-white px-5 py-4 text-sm shadow-xs sm:grid-cols-3 lg:grid-cols-6">
        <Item label="Status">
          <DeliveryStatusBadge status={delivery.status} />
          {delivery.isTest && <span className="ml-2 rounded bg-slate-100 px-1.5 py-px text-xs text-slate-600">test</span>}
        </Item>
        <Item label="Attempts">{delivery.attemptCount}</Item>
        <Item label="Last status">{delivery.lastStatusCode ?? delivery.lastErrorClass ?? "—"}</Item>
        <Item label="Latency">{delivery.lastLatencyMs === null ? "—" : `${delivery.lastLatencyMs} ms`}</Item>
        <Item label="Created">
          <LocalTime date={delivery.createdAt} seconds />
        </Item>
        <Item label="Next attempt">
          {delivery.status === "RETRYING" && delivery.nextAttemptAt ? <RelativeTime date={delivery.nextAttemptAt} /> : <span className="text-slate-500">None</span>}
        </Item>
        <Item label="Topic" wide>
          <span className="font-mono text-xs">{delivery.topic}</span>
        </Item>
        <Item label="Webhook" wide>
          <span className="break-all font-mono text-xs">{delivery.webhook.url}</span>
        </Item>
        <Item label="Notification" wide>
          {delivery.notificationId === null ? (
            <span className="text-slate-500">—</span>
          ) : notificationHref ? (
            <Link className="font-mono text-xs text-indigo-700 hover:text-indigo-500" href={notificationHref}>
              {String(delivery.notificationId)}
            </Link>
          ) : (
            <span className="font-mono text-xs">{String(delivery.notificationId)}</span>
          )}
        </Item>
      </dl>

      <Panel id="payload" title="Payload" description="The exact body sent on every attempt (X-BIS-Signature signs these bytes).">
        <div className="mb-2 flex justify-end">
          <CopyButton text={delivery.body} what="the payload" fallback="Select the payload and press Ctrl+C (⌘C on a Mac)." compact />
        </div>
        <pre tabIndex={0} aria-label="Payload" className="max-h-[28rem] overflow-auto rounded-md bg-slate-900 px-4 py-3 font-mono text-xs leading-relaxed text-slate-100">
          {pretty(delivery.body)}
        </pre>
      </Panel>

      <Panel id="attempts" title="Attempts" description="Oldest first. Signatures are redacted; everything else is as sent and received.">
        {delivery.attempts.length === 0 ? (
          <p className="text-sm text-slate-500">No attempt has been made yet: the first one is on its way.</p>
        ) : (
          <ol className="space-y-4">
            {delivery.attempts.map((a) => (
              <AttemptView key={a.id} attempt={a} url={delivery.webhook.url} body={delivery.body} open={a === last} />
            ))}
          </ol>
        )}
        {delivery.status === "RETRYING" && delivery.nextAttemptAt && (
          <p className="mt-4 rounded-md border border-amber-200 bg-amber-50 px-4 py-2 text-sm text-amber-900">
            Attempt {delivery.attemptCount + 1} is due <RelativeTime date={delivery.nextAttemptAt} /> (
            <LocalTime date={delivery.nextAttemptAt} seconds />
            ).
          </p>
        )}
      </Panel>
    </div>
  );
}

function AttemptView({ attempt: a, url, body, open }: { attempt: Attempt; url: string; body: string; open: boolean }) {
  const requestHeaders = asHeaders(a.requestHeaders);
  const responseHeaders = asHeaders(a.responseHeaders);
  return (
    <li className="rounded-md border border-slate-200">
      <details open={open} className="group">
        <summary className="flex cursor-pointer flex-wrap items-center gap-x-4 gap-y-1 px-4 py-3 text-sm marker:text-slate-400">
          <span className="font-medium text-slate-900">Attempt {a.attemptNumber}</span>
          <span className={a.succeeded ? "text-emerald-700" : "text-red-700"}>
            {a.succeeded ? `Succeeded · ${a.responseStatus}` : a.responseStatus ? `Failed · ${a.responseStatus}` : `Failed · ${a.errorClass}`}
          </span>
          <span className="tabular-nums text-slate-600">{a.durationMs} ms</span>
          <span className="text-slate-500">
            <LocalTime date={a.startedAt} seconds />
          </span>
        </summary>
        <div className="space-y-4 border-t border-slate-100 px-4 py-3">
          {!a.succeeded && (
            <p className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
              {a.errorClass ? errorClassSentence(a.errorClass) : "The attempt failed."}
              {a.errorMessage && <span className="mt-0.5 block text-xs text-red-700">{a.errorMessage}</span>}
            </p>
          )}
          <div className="grid gap-4 lg:grid-cols-2">
            <HeaderTable title="Request headers" headers={requestHeaders} />
            <HeaderTable title="Response headers" headers={responseHeaders} empty="No response: the connection did not get that far." />
          </div>
          <div>
            <h4 className="mb-1 text-xs font-medium uppercase tracking-wide text-slate-500">Response body (first 4 KiB)</h4>
            {a.responseBody ? (
              <pre tabIndex={0} className="max-h-64 overflow-auto rounded-md bg-slate-50 px-3 py-2 font-mono text-xs text-slate-800 ring-1 ring-slate-200 ring-inset">
                {a.responseBody}
              </pre>
            ) : (
              <p className="text-sm text-slate-500">Empty.</p>
            )}
          </div>
          <div className="flex justify-end">
            <CopyButton text={curlCommand(url, requestHeaders, body)} what={`attempt ${a.attemptNumber} as curl (signatures redacted)`} fallback="Select the command and press Ctrl+C (⌘C on a Mac)." compact />
          </div>
        </div>
      </details>
    </li>
  );
}

function HeaderTable({ title, headers, empty = "None." }: { title: string; headers: Record<string, string>; empty?: string }) {
  const entries = Object.entries(headers);
  return (
    <div className="min-w-0">
      <h4 className="mb-1 text-xs font-medium uppercase tracking-wide text-slate-500">{title}</h4>
      {entries.length === 0 ? (
        <p className="text-sm text-slate-500">{empty}</p>
      ) : (
        <table className="w-full text-xs">
          <tbody className="divide-y divide-slate-100">
            {entries.map(([name, value]) => (
              <tr key={name}>
                <th scope="row" className="whitespace-nowrap py-1 pr-3 text-left align-top font-mono font-normal text-slate-500">
                  {name}
                </th>
                <td className="break-all py-1 font-mono text-slate-800">{value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function Item({ label, wide = false, children }: { label: string; wide?: boolean; children: React.ReactNode }) {
  return (
    <div className={wide ? "col-span-2" : ""}>
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="mt-0.5 text-slate-800">{children}</dd>
    </div>
  );
}

/** Headers as stored (a JSON object of strings); anything else shows as none. */
function asHeaders(value: unknown): Record<string, string> {
  if (!value || typeof value !== "object" || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, String(v)]));
}

function pretty(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}
