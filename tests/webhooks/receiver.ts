// A real webhook receiver for tests: a node:http server that checks every request's
// X-BIS-Signature byte for byte (base64 HMAC-SHA256 of the raw body with the API key) and its
// Standard Webhooks signature with the official `standardwebhooks` library, and answers as
// each path is told to: 200 by default, or fail, hang, reset, redirect, send 1 MiB.
import { createHmac } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";

export type ReceivedRequest = {
  path: string;
  messageId: string;
  attempt: number;
  body: string;
  headers: IncomingMessage["headers"];
  bisSignatureValid: boolean;
  standardSignatureValid: boolean;
  at: number;
};

/** How a path answers; `nth` counts this message id's requests to this path (1 = the first). */
export type Behaviour = (res: ServerResponse, nth: number, request: ReceivedRequest) => void;

export const answer = (status: number, body = "", headers: Record<string, string> = {}): Behaviour => (res) => res.writeHead(status, headers).end(body);
export const hang = (ms: number): Behaviour => (res) => setTimeout(() => !res.destroyed && res.writeHead(200).end("late"), ms);
export const reset: Behaviour = (res) => res.socket?.destroy();
/** The first `n` requests of each message answer with `failure`, the rest 200. */
export const failFirst = (n: number, failure: Behaviour): Behaviour => (res, nth, request) => (nth <= n ? failure(res, nth, request) : res.writeHead(200).end("ok"));

export async function startReceiver() {
  const requests: ReceivedRequest[] = [];
  const behaviours = new Map<string, Behaviour>();
  const seen = new Map<string, number>();
  let apiKey = "";
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("error", () => {});
    res.on("error", () => {});
    req.on("end", () => {
      const raw = Buffer.concat(chunks);
      const path = req.url ?? "/";
      const messageId = String(req.headers["x-bis-webhook-id"]);
      const request: ReceivedRequest = {
        path,
        messageId,
        attempt: Number(req.headers["x-bis-attempt"]),
        body: raw.toString("utf8"),
        headers: req.headers,
        bisSignatureValid: req.headers["x-bis-signature"] === createHmac("sha256", apiKey).update(raw).digest("base64"),
        standardSignatureValid: verifiesStandard(apiKey, raw, req.headers),
        at: Date.now(),
      };
      requests.push(request);
      const key = `${path} ${messageId}`;
      const nth = (seen.get(key) ?? 0) + 1;
      seen.set(key, nth);
      (behaviours.get(path) ?? answer(200, "ok"))(res, nth, request);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    requests,
    url: (path: string) => `${base}${path}`,
    /** The store's API key: the X-BIS-Signature key and, as whsec_ + base64, the Standard Webhooks secret. */
    useKey: (key: string) => void (apiKey = key),
    on: (path: string, behaviour: Behaviour) => void behaviours.set(path, behaviour),
    to: (path: string) => requests.filter((r) => r.path === path),
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

export type Receiver = Awaited<ReturnType<typeof startReceiver>>;

function verifiesStandard(apiKey: string, raw: Buffer, headers: IncomingMessage["headers"]): boolean {
  try {
    new Webhook(`whsec_${Buffer.from(apiKey).toString("base64")}`).verify(raw.toString("utf8"), {
      "webhook-id": String(headers["webhook-id"]),
      "webhook-timestamp": String(headers["webhook-timestamp"]),
      "webhook-signature": String(headers["webhook-signature"]),
    });
    return true;
  } catch {
    return false;
  }
}
