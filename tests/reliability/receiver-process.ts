// The reliability suite's webhook receivers, in a child process of their own (forked with IPC)
// so their request parsing takes no turns on the app's or the driver's event loop. One
// node:http server per webhook (each its own origin, so its own connection pool in the app),
// answering as told: "ok" (200), "fail500" (500), "hang" (answers 200 after 10 s; the app gives
// up at 5 s), "internal" (a service inside the network that webhooks must never reach: the SSRF
// scenario points rebinding host names at it and expects no connection at all). Every request's X-BIS-Signature is checked byte for byte (base64 HMAC-SHA256 of
// the raw body with the store's API key). Per message id it notes the first arrival (wall
// clock, sub-millisecond, comparable with the driver's), the requests, and the 200s answered.
import { createHmac } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";

export type Behaviour = "ok" | "fail500" | "hang" | "internal";
export type ReceiverCommand =
  | { cmd: "listen"; hooks: Behaviour[] }
  | { cmd: "key"; key: string }
  | { cmd: "down" }
  | { cmd: "up" }
  | { cmd: "count" }
  | { cmd: "dump" };
/** Per message id: hook index, notification id, first arrival (epoch ms), requests, 200s answered. */
export type MessageRecord = [hook: number, notificationId: number, firstAt: number, requests: number, ok: number];
export type ReceiverAnswer =
  | { ports: number[] }
  | { ok: true }
  | { okByHook: number[]; requests: number; badSignatures: number; connectionsByHook: number[] }
  | { messages: Record<string, MessageRecord>; badSignatures: number };

const epochNow = () => performance.timeOrigin + performance.now();
const hangMs = 10_000;

const messages = new Map<string, MessageRecord>();
const okByHook: number[] = [];
const connectionsByHook: number[] = [];
let requests = 0;
let badSignatures = 0;
let key = "";
let servers: Server[] = [];
let ports: number[] = [];
let behaviours: Behaviour[] = [];

function handler(hook: number) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const arrivedAt = epochNow();
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("error", () => {});
    res.on("error", () => {});
    req.on("end", () => {
      requests++;
      const raw = Buffer.concat(chunks);
      if (req.headers["x-bis-signature"] !== createHmac("sha256", key).update(raw).digest("base64")) {
        badSignatures++;
        res.writeHead(400).end("bad signature");
        return;
      }
      const id = String(req.headers["x-bis-webhook-id"]);
      let record = messages.get(id);
      if (!record) {
        const nid = Number(/"notification_id":(\d+)/.exec(raw.toString("utf8"))?.[1] ?? -1);
        record = [hook, nid, arrivedAt, 0, 0];
        messages.set(id, record);
      }
      record[3]++;
      const behaviour = behaviours[hook]!;
      if (behaviour === "fail500") res.writeHead(500).end("down for maintenance");
      else if (behaviour === "hang") setTimeout(() => !res.destroyed && res.writeHead(200).end("late"), hangMs).unref();
      else {
        res.writeHead(200, { "content-type": "text/plain" }).end("ok", () => {
          record[4]++;
          okByHook[hook] = (okByHook[hook] ?? 0) + (record[4] === 1 ? 1 : 0);
        });
      }
    });
  };
}

async function listen(port = 0, hook: number): Promise<Server> {
  const server = createServer({ keepAliveTimeout: 60_000 }, handler(hook));
  server.on("connection", () => (connectionsByHook[hook] = (connectionsByHook[hook] ?? 0) + 1));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  return server;
}

const send = (answer: ReceiverAnswer) => process.send!(answer);

process.on("message", async (message: ReceiverCommand) => {
  switch (message.cmd) {
    case "listen":
      behaviours = message.hooks;
      servers = [];
      for (let i = 0; i < behaviours.length; i++) servers.push(await listen(0, i));
      ports = servers.map((s) => (s.address() as AddressInfo).port);
      send({ ports });
      break;
    case "key":
      key = message.key;
      send({ ok: true });
      break;
    case "down":
      // Stop listening and cut every open connection: new attempts are refused (ECONNREFUSED).
      await Promise.all(
        servers.map((s) => {
          s.closeAllConnections();
          return new Promise((r) => s.close(r));
        }),
      );
      send({ ok: true });
      break;
    case "up":
      servers = [];
      for (let i = 0; i < ports.length; i++) servers.push(await listen(ports[i], i));
      send({ ok: true });
      break;
    case "count":
      send({ okByHook: behaviours.map((_, i) => okByHook[i] ?? 0), requests, badSignatures, connectionsByHook: behaviours.map((_, i) => connectionsByHook[i] ?? 0) });
      break;
    case "dump":
      send({ messages: Object.fromEntries(messages), badSignatures });
      break;
  }
});
process.on("disconnect", () => process.exit(0));
process.send!({ ok: true });
