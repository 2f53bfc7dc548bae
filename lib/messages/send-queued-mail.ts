import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import { db } from "@/lib/db";
import { env } from "@/lib/env";

let transporter: Transporter | undefined;

/** SMTP from SMTP_URL (smtp://user:pass@host:587, smtps://… for implicit TLS), pooled. */
function smtp(): Transporter {
  const url = env().SMTP_URL;
  if (!url) throw new Error("SMTP_URL is not set");
  transporter ??= nodemailer.createTransport(url, { from: env().MAIL_FROM });
  return transporter;
}

/**
 * Hands one queued email to SMTP and marks it sent. An email already sent is left alone; if
 * the process dies between the SMTP answer and the mark, the retry sends it again with the
 * same Message-ID, which receiving servers use to drop the duplicate.
 */
export async function sendQueuedMail(mailId: string): Promise<"sent" | "already_sent" | "missing"> {
  const mail = await db.mailMessage.findUnique({ where: { id: mailId } });
  if (!mail) return "missing";
  if (mail.sentAt) return "already_sent";
  await smtp().sendMail({ to: mail.to, subject: mail.subject, text: mail.text, messageId: `<${mail.id}@backinstock.mail>` });
  await db.mailMessage.update({ where: { id: mail.id }, data: { sentAt: new Date() } });
  return "sent";
}
