import "server-only";
import { mailQueued } from "@/inngest/events";
import type { Tx } from "@/lib/db";
import { env } from "@/lib/env";
import { writeEvent } from "@/lib/executor/write-event";
import { newId } from "@/lib/ids";

export type OutgoingMail = { storeId: string | null; to: string; subject: string; text: string; kind: string };

/**
 * An email, in the caller's transaction. Without SMTP_URL the embedded transport keeps it as a
 * MailMessage row (shown in the dashboard) and that is the send; with SMTP_URL the row waits
 * and a `mail/queued` event (same transaction) makes the send-mail function hand it to SMTP.
 */
export async function queueMail(tx: Tx, mail: OutgoingMail): Promise<string> {
  const smtp = Boolean(env().SMTP_URL);
  const id = newId("mail");
  await tx.mailMessage.create({ data: { id, ...mail, transport: smtp ? "smtp" : "embedded", sentAt: smtp ? null : new Date() } });
  if (smtp) await writeEvent(tx, mailQueued, { mailId: id });
  return id;
}
