import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { makeStore } from "@/tests/factories";
import { queueMail } from "./queue-mail";
import { sendQueuedMail } from "./send-queued-mail";

// A real SMTP server in the test: what the app hands over is what arrives.
const inbox: { to: string[]; raw: string }[] = [];
let server: SMTPServer;

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, callback) {
      let raw = "";
      stream.on("data", (c: Buffer) => (raw += c.toString()));
      stream.on("end", () => {
        inbox.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  // Read by env() at first use, which comes after this in this file.
  process.env.SMTP_URL = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}?ignoreTLS=true`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe("mail over SMTP (SMTP_URL set)", () => {
  it("queues the email with its mail/queued event, and the sender hands it to SMTP once", async () => {
    const { storeId } = await makeStore("MEDIUM");
    const id = await db.$transaction((tx) => queueMail(tx, { storeId, to: "shopper@example.dev", subject: "Black Tea is back in stock", text: "Good news: Black Tea is back.", kind: "back_in_stock" }));
    const queued = await db.mailMessage.findUniqueOrThrow({ where: { id } });
    expect(queued).toMatchObject({ transport: "smtp", sentAt: null });
    expect(await db.outboxEvent.count({ where: { name: "mail/queued", data: { equals: { mailId: id } } } })).toBe(1);

    expect(await sendQueuedMail(id)).toBe("sent");
    expect(await sendQueuedMail(id)).toBe("already_sent");
    expect(inbox).toHaveLength(1);
    expect(inbox[0]!.to).toEqual(["shopper@example.dev"]);
    expect(inbox[0]!.raw).toContain("Subject: Black Tea is back in stock");
    expect(inbox[0]!.raw).toContain(`Message-ID: <${id}@backinstock.mail>`);
    expect((await db.mailMessage.findUniqueOrThrow({ where: { id } })).sentAt).not.toBeNull();
  });
});
