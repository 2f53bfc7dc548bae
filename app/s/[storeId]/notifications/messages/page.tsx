import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { MessageTable } from "@/components/notifications/message-table";
import { BackLink } from "@/components/ui/back-link";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireStoreMember } from "@/lib/auth/session";
import { listSentMessages } from "@/lib/notifications/queries";
import { Pager } from "@/components/ui/pager";

export const metadata: Metadata = { title: "Sent messages" };

const query = z.object({ cursor: z.string().max(200).optional().catch(undefined) });

export default async function SentMessagesPage({
  params,
  searchParams,
}: {
  params: Promise<{ storeId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { store } = await requireStoreMember((await params).storeId);
  const { cursor } = query.parse(await searchParams);
  const { rows, nextCursor } = await listSentMessages(store.id, { cursor });
  const base = `/s/${store.id}/notifications/messages`;
  return (
    <>
      <BackLink href={`/s/${store.id}/notifications`}>Notifications</BackLink>
      <PageHeader title="Sent messages" description="The emails and texts sent for your store, such as back-in-stock messages to shoppers, newest first." />
      {rows.length === 0 ? (
        cursor ? (
          <EmptyState title="No older messages">
            <Link className="text-indigo-600 hover:text-indigo-500" href={base}>
              Back to the newest
            </Link>
          </EmptyState>
        ) : (
          <EmptyState title="No messages sent yet">
            When a variant is restocked, the shoppers waiting for it are emailed or texted, and each message appears here.
          </EmptyState>
        )
      ) : (
        <MessageTable rows={rows} />
      )}
      <Pager first={cursor ? base : null} next={nextCursor ? `${base}?cursor=${nextCursor}` : null} />
    </>
  );
}
