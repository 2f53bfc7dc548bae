import type { Metadata } from "next";
import Link from "next/link";
import { JsonExample } from "@/components/docs/code-block";
import { DocsPage, DocsSection, type TocEntry } from "@/components/docs/docs-toc";
import { FieldsTable } from "@/components/docs/fields-table";
import { Code, InlineMarkdown } from "@/components/docs/inline-markdown";
import { flatFieldsOf } from "@/components/docs/openapi-view";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { listStoresForUser } from "@/lib/accounts/store-access";
import { listOf, plansWith } from "@/lib/api/api-errors";
import { openApiDocument } from "@/lib/api/openapi/document";
import { deliveryHeaderDocs, deliveryRules, payloadFieldNotes, retryScheduleSteps } from "@/lib/api/webhook-contract";
import { env } from "@/lib/env";
import { getSessionUser } from "@/lib/auth/session";
import { examplePayload, topics, type EventTopic } from "@/lib/webhooks/topics";
import { urlPolicyMessages, type UrlPolicyRule } from "@/lib/webhooks/url-policy";

export const metadata: Metadata = { title: "Webhooks" };
// Per request: the "Account → API" link goes to the signed-in merchant's own store.
export const dynamic = "force-dynamic";

const ruleTitles: Record<UrlPolicyRule, string> = {
  invalid_url: "A complete URL",
  https_required: "HTTPS only",
  too_long: "At most 2,048 characters",
  credentials: "No user name or password",
  localhost: "Not localhost",
  internal_host: "Not an internal or local host name",
  private_ip: "Not a private or reserved IP address",
  reserved_domain: "Not example.com, .net or .org",
  own_domain: "Not Back in Stock itself",
};

/** Account → API of the signed-in merchant's store, where the verification code is; null for visitors. */
async function accountApiHref(): Promise<string | null> {
  const user = await getSessionUser();
  if (!user || user.role === "SUPPORT") return null;
  const [store] = await listStoresForUser(user.id);
  return store ? `/s/${store.id}/account/api` : null;
}

function Bullets({ items }: { items: React.ReactNode[] }) {
  return (
    <ul className="list-disc space-y-1.5 pl-5 text-sm leading-6 text-slate-700 marker:text-slate-400">
      {items.map((item, i) => (
        <li key={i}>{item}</li>
      ))}
    </ul>
  );
}

export default async function WebhooksGuidePage() {
  const [doc, accountApi] = await Promise.all([openApiDocument(), accountApiHref()]);
  const payloadSchema = doc.components?.schemas?.NotificationPayload;
  const payloadFields = payloadSchema
    ? flatFieldsOf(doc, payloadSchema).map((f) => ({ ...f, description: payloadFieldNotes[f.name] ?? f.description }))
    : [];
  const r = deliveryRules;
  const accountApiLink = (
    <Link href={accountApi ?? "/sign-in?callbackUrl=%2F"} className="font-medium text-indigo-600 hover:text-indigo-500">
      Account → API
    </Link>
  );

  const toc: TocEntry[] = [
    { href: "#overview", label: "Overview" },
    { href: "#topics", label: "Topics" },
    { href: "#payload", label: "Payload" },
    { href: "#headers", label: "Headers" },
    { href: "#urls", label: "URL rules" },
    { href: "#delivery", label: "Delivery and retries" },
    { href: "#deactivation", label: "Failures and deactivation" },
    { href: "#duplicates", label: "Duplicates and order" },
    { href: "#verifying", label: "Verifying a webhook" },
  ];

  return (
    <DocsPage toc={toc} tocLabel="Webhooks guide contents">
      <PageHeader
        title="Webhooks"
        description="Get a signed JSON POST at your URL whenever a shopper signs up for a restock notification or is sent one."
      />

      <div className="space-y-10">
        <DocsSection id="overview" title="Overview">
          <Card>
            <Bullets
              items={[
                <>
                  Webhooks come with the {listOf(plansWith("webhooks"))} plans. On other plans they are paused, never deleted.
                </>,
                <>
                  Create one in <strong className="font-semibold text-slate-900">Settings → Webhooks</strong> (a topic and a URL, then Create Webhook)
                  or with the <Link href="/docs/api#createWebhook" className="font-medium text-indigo-600 hover:text-indigo-500">REST API</Link>. A new
                  webhook starts <strong className="font-semibold text-slate-900">Off</strong>: switch it On to start receiving.
                </>,
                <>Send test payload delivers one signed test event at once and shows what your server answered.</>,
              ]}
            />
          </Card>
        </DocsSection>

        <DocsSection id="topics" title="Topics" description="Subscribe a URL to one topic; the wildcard receives every notification event.">
          <div className="space-y-4">
            {topics.map((topic) => (
              <Card key={topic.name}>
                <div className="grid gap-4 md:grid-cols-[minmax(0,1fr)_minmax(0,26rem)]">
                  <div>
                    <h3 className="flex flex-wrap items-center gap-2 font-mono text-base font-semibold text-slate-900">
                      {topic.name}
                      {topic.wildcard && <Badge tone="indigo">wildcard</Badge>}
                    </h3>
                    <p className="mt-2 text-sm text-slate-700">{topic.description}</p>
                    {topic.wildcard ? (
                      <p className="mt-2 text-sm text-slate-600">
                        Each event arrives with its own topic ({topic.matches.map((m, i) => (
                          <span key={m}>
                            {i > 0 && " or "}
                            <Code>{m}</Code>
                          </span>
                        ))}) in the payload and in <Code>X-BIS-Topic</Code>, never the wildcard.
                      </p>
                    ) : (
                      topics
                        .filter((w) => w.wildcard && w.matches.includes(topic.name as EventTopic))
                        .map((w) => (
                          <p key={w.name} className="mt-2 text-sm text-slate-600">
                            Also delivered to webhooks subscribed to <Code>{w.name}</Code>.
                          </p>
                        ))
                    )}
                  </div>
                  {!topic.wildcard && (
                    <JsonExample caption="Example payload" label={`Example ${topic.name} payload`} value={examplePayload(topic.name as EventTopic)} />
                  )}
                </div>
              </Card>
            ))}
          </div>
        </DocsSection>

        <DocsSection id="payload" title="Payload" description="Every delivery's body is one JSON object with these fields, in this order.">
          <FieldsTable fields={payloadFields} label="Payload fields" />
          <p className="mt-3 text-sm text-slate-600">
            A test payload has the same fields plus <Code>&quot;test&quot;: true</Code>. New fields may be added; ignore the ones you do not know.
          </p>
        </DocsSection>

        <DocsSection id="headers" title="Headers" description="Every delivery is a POST with these headers.">
          <div className="overflow-x-auto rounded-md border border-slate-200 bg-white">
            <table className="min-w-full divide-y divide-slate-200 text-sm" aria-label="Delivery headers">
              <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
                <tr>
                  <th scope="col" className="px-3 py-2">
                    Header
                  </th>
                  <th scope="col" className="px-3 py-2">
                    Meaning
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100 align-top">
                {deliveryHeaderDocs(env().APP_URL).map((h) => (
                  <tr key={h.name}>
                    <td className="whitespace-nowrap px-3 py-2">
                      <span className="font-mono text-xs font-semibold text-slate-900">{h.name}</span>
                      <p className="mt-0.5 max-w-56 truncate font-mono text-xs text-slate-500" title={h.example}>
                        {h.example}
                      </p>
                    </td>
                    <td className="px-3 py-2 text-slate-700">
                      <InlineMarkdown text={h.description} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </DocsSection>

        <DocsSection
          id="urls"
          title="URL rules"
          description="A webhook URL is checked when you save it, and again at every delivery on the address its host resolves to, so a host cannot be re-pointed at a private network later."
        >
          <ul className="grid gap-3 md:grid-cols-2">
            {(Object.entries(urlPolicyMessages) as [UrlPolicyRule, string][]).map(([rule, message]) => (
              <li key={rule} className="rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-xs">
                <p className="text-sm font-semibold text-slate-900">{ruleTitles[rule] ?? rule}</p>
                <p className="mt-1 text-sm text-slate-600">{message}</p>
              </li>
            ))}
          </ul>
        </DocsSection>

        <DocsSection id="delivery" title="Delivery and retries">
          <Card>
            <Bullets
              items={[
                <>
                  Your server has <strong className="font-semibold text-slate-900">{r.timeoutSeconds} seconds</strong> to answer (
                  {r.connectTimeoutSeconds} s to accept the connection).
                </>,
                <>
                  <strong className="font-semibold text-slate-900">Any 2xx status is success.</strong> Anything else is a failure: other statuses, a
                  timeout, a connection or TLS error. Answer quickly and do slow work afterwards.
                </>,
                <>Redirects are not followed: a 3xx answer is a failure. Save the final URL instead.</>,
                <>
                  A failed delivery is retried <strong className="font-semibold text-slate-900">{r.retries} times over about {r.retryWindowHours} hours</strong>{" "}
                  ({r.attempts} attempts in all), waiting longer each time: {retryScheduleSteps().join(", ")}, each ±10% so retries spread out.{" "}
                  <Code>X-BIS-Attempt</Code> says which attempt it is.
                </>,
                <>
                  <Code>410 Gone</Code> switches the webhook off at once. <Code>Retry-After</Code> on a 429 or 503 answer delays the next attempt.
                </>,
                <>
                  The delivery log (Settings → Webhooks) shows every attempt with your server&apos;s status, latency and the first{" "}
                  {r.responseBodyKeptBytes / 1024} KiB of its answer; you can resend any delivery from there.
                </>,
              ]}
            />
          </Card>
        </DocsSection>

        <DocsSection id="deactivation" title="Failures and deactivation">
          <div className="space-y-3">
            <Alert tone="warning" title={`A warning after ${r.warningAfterFailures} failures in a row`}>
              The store owner gets an email and a warning on the dashboard naming the webhook, its last error and when it will be deactivated.
            </Alert>
            <Alert tone="error" title={`Deactivated after ${r.deactivationAfterFailures} failures in a row`}>
              When {r.deactivationAfterFailures} attempts in a row have failed with no success in the last {r.deactivationQuietHours} hours, the webhook
              is deactivated: it stops receiving, and the owner gets an email and a banner with the reason, the last error and the time.
            </Alert>
            <Alert tone="success" title="Switching it On again">
              Re-enabling a deactivated webhook (the On/Off switch, or <Code>is_active: true</Code> in the API) starts its failure count from zero.
              Settings → Webhooks then offers <em>Resend failed</em>: every delivery that failed since the webhook&apos;s last success is sent again
              with its original <Code>X-BIS-Webhook-Id</Code>. Events that happen while a webhook is deactivated or Off are not queued for it; to
              catch up, list them with <Code>GET /api/v1/notifications?updated_at_min=…</Code>.
            </Alert>
          </div>
        </DocsSection>

        <DocsSection id="duplicates" title="Duplicates and order">
          <Card>
            <Bullets
              items={[
                <>
                  Delivery is <strong className="font-semibold text-slate-900">at least once</strong>: the same delivery can arrive more than once (for
                  example when your server processed it but the answer was lost). It keeps its <Code>X-BIS-Webhook-Id</Code> on every attempt:
                  remember the ids you have handled and skip repeats.
                </>,
                <>Each event is delivered once per webhook, even if we process the event twice.</>,
                <>
                  There is no ordering promise: a retry can arrive after a later event. Use the payload&apos;s <Code>timestamp</Code> to order events.
                </>,
              ]}
            />
          </Card>
        </DocsSection>

        <DocsSection id="verifying" title="Verifying a webhook">
          <Card>
            <Bullets
              items={[
                <>
                  <Code>X-BIS-Signature</Code> is the base64 HMAC-SHA256 of the raw request body, keyed with your API key (the same method as
                  Shopify&apos;s webhooks). Compute it over the body exactly as received, before parsing the JSON, and compare in constant time.
                </>,
                <>
                  The <Code>webhook-id</Code>, <Code>webhook-timestamp</Code> and <Code>webhook-signature</Code> headers follow Standard Webhooks, so the{" "}
                  <Code>standardwebhooks</Code> and <Code>svix</Code> libraries verify deliveries as they are, with the <Code>whsec_</Code> secret shown on
                  Account → API. They also let you reject replays by their timestamp.
                </>,
                <>After you rotate the API key, the previous key still signs (a second signature) for 24 hours, so you can switch without missing a delivery.</>,
              ]}
            />
            <p className="mt-4 text-sm text-slate-700">
              Code to verify a delivery in Node, Ruby and Python, tested against our signer, is on {accountApiLink}
              {accountApi ? "" : " (sign in first)"}.
            </p>
          </Card>
        </DocsSection>
      </div>
    </DocsPage>
  );
}
