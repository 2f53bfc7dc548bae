import { sendQueuedMail } from "@/lib/messages/send-queued-mail";
import { inngest } from "../client";
import { mailQueued } from "../events";

/** Hands queued emails to SMTP (when SMTP_URL is set), retried with backoff while SMTP is down. */
export const sendMailFunction = inngest.createFunction(
  { id: "send-mail", name: "Send an email over SMTP", triggers: [mailQueued], retries: 10, concurrency: { limit: 5 } },
  async ({ event, step }) => step.run("send", () => sendQueuedMail(event.data.mailId)),
);
