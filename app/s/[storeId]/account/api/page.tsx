import type { Metadata } from "next";
import { Card } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";
import { PageHeader } from "@/components/ui/page-header";
import { requireStoreMember } from "@/lib/auth/session";
import { getCurrentApiKeyInfo } from "@/lib/api-keys/queries";
import { apiKeyPrefix } from "@/lib/api-keys/issue-api-key";

export const metadata: Metadata = { title: "API" };

export default async function ApiPage({ params }: { params: Promise<{ storeId: string }> }) {
  const { store } = await requireStoreMember((await params).storeId);
  const key = await getCurrentApiKeyInfo(store.id);
  return (
    <>
      <PageHeader
        title="API"
        description="Your API key authenticates the REST API and signs every webhook (the X-BIS-Signature header). Keep it secret."
      />
      <Card title="API key">
        {key ? (
          <div className="space-y-2">
            <p className="font-mono text-sm text-slate-800" data-testid="masked-api-key">
              {apiKeyPrefix}
              {"•".repeat(24)}
              {key.lastFour}
            </p>
            <p className="text-xs text-slate-500">
              Created <LocalTime date={key.createdAt} />
            </p>
          </div>
        ) : (
          <p className="text-sm text-slate-500">This store has no API key.</p>
        )}
      </Card>
    </>
  );
}
