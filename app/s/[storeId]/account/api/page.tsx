import type { Metadata } from "next";
import { ApiKeyPanel } from "@/components/api-keys/api-key-panel";
import { VerificationSnippets } from "@/components/api-keys/verification-snippets";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireStoreMember } from "@/lib/auth/session";
import { apiKeyPrefix } from "@/lib/api-keys/api-key-format";
import { getApiKeyOverview } from "@/lib/api-keys/queries";
import { verificationSnippets } from "@/lib/api-keys/verification-snippets";

export const metadata: Metadata = { title: "API" };

const code = "rounded bg-slate-100 px-1 py-0.5 font-mono text-xs text-slate-800";

export default async function ApiPage({ params }: { params: Promise<{ storeId: string }> }) {
  const { store, role } = await requireStoreMember((await params).storeId);
  // Public facts only (masked, last four, dates): the secret reaches the browser through Reveal.
  const { current, previous } = await getApiKeyOverview(store.id);
  return (
    <>
      <PageHeader
        title="API"
        description="Your API key authenticates the REST API and signs every webhook (the X-BIS-Signature header). Keep it secret."
      />
      <div className="space-y-6">
        <Card
          title="API key"
          description={
            <>
              Send it as <code className={code}>X-Auth-Token</code> or <code className={code}>Authorization: Bearer</code>. Each reveal is recorded in
              the audit log.
            </>
          }
        >
          <ApiKeyPanel storeId={store.id} prefix={apiKeyPrefix} current={current} previous={previous} canRotate={role === "OWNER"} />
        </Card>

        <Card
          title="Verify a webhook"
          description={
            <>
              Compute base64(HMAC-SHA256) of the raw request body with your API key as the secret and compare it with the{" "}
              <code className={code}>X-BIS-Signature</code> header in constant time. Use the body exactly as received, before parsing the JSON.
            </>
          }
        >
          <div className="space-y-4">
            <VerificationSnippets snippets={verificationSnippets} />
            <div className="space-y-1 text-sm text-slate-600">
              <p>
                <strong className="font-medium text-slate-800">Rejecting replays:</strong> every delivery also carries the Standard Webhooks headers{" "}
                <code className={code}>webhook-id</code>, <code className={code}>webhook-timestamp</code> and{" "}
                <code className={code}>webhook-signature</code>. The official <code className={code}>standardwebhooks</code> and{" "}
                <code className={code}>svix</code> libraries verify them with the <code className={code}>whsec_</code> secret above and refuse
                timestamps more than five minutes off.
              </p>
              <p>
                For 24 hours after a rotation <code className={code}>webhook-signature</code> holds two signatures, one with the new key and one with
                the previous key, so receivers still holding the previous secret keep accepting deliveries while you update them.
              </p>
            </div>
          </div>
        </Card>
      </div>
    </>
  );
}
