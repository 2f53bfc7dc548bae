import { notFound } from "next/navigation";
import { requireStoreMember } from "@/lib/auth/session";
import { getWebhook } from "@/lib/webhooks/queries";
import { webhookIdSchema } from "@/lib/webhooks/webhook-view";

// An unknown webhook (or another store's) is refused here, before the page streams: loading.tsx
// wraps only the page, and a notFound() thrown there after the first byte could not answer 404.
export default async function WebhookLayout({ children, params }: { children: React.ReactNode; params: Promise<{ storeId: string; webhookId: string }> }) {
  const { storeId, webhookId } = await params;
  const { store } = await requireStoreMember(storeId);
  const id = webhookIdSchema.safeParse(webhookId);
  if (!id.success || !(await getWebhook(store.id, id.data))) notFound();
  return children;
}
