import { AppError } from "@/lib/errors";

/** The largest request body the API reads: 64 KiB (a webhook is topic + URL of at most 2,048 characters). */
export const MAX_BODY_BYTES = 64 * 1024;

/** Whether the Content-Type is JSON: application/json, optionally with charset=utf-8. */
export function isJsonContentType(value: string | null): boolean {
  if (!value) return false;
  const [type = "", ...params] = value.split(";").map((part) => part.trim().toLowerCase());
  if (type !== "application/json") return false;
  return params.every((param) => {
    const [name, raw = ""] = param.split("=", 2).map((s) => s.trim());
    return name !== "charset" || raw.replace(/^"|"$/g, "") === "utf-8";
  });
}

/**
 * Reads a JSON request body: only application/json (415 otherwise), at most `limit` bytes (413,
 * decided from Content-Length before reading when it is sent, and otherwise by counting while
 * reading, which stops at the limit instead of buffering the rest), UTF-8, and valid JSON (400).
 */
export async function readJsonBody(request: Request, limit = MAX_BODY_BYTES): Promise<unknown> {
  if (!isJsonContentType(request.headers.get("content-type"))) {
    throw new AppError("unsupported_media_type", "Send the request body as JSON, with the header Content-Type: application/json.", {
      expected: "application/json",
    });
  }
  const tooLarge = () =>
    new AppError("payload_too_large", `The request body is larger than ${limit / 1024} KiB.`, { limit_bytes: limit });

  const declared = request.headers.get("content-length");
  if (declared !== null && /^\d+$/.test(declared.trim()) && Number(declared) > limit) throw tooLarge();

  const bytes = await readAtMost(request, limit);
  if (bytes === null) throw tooLarge();

  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new AppError("invalid_json", "The request body is not valid UTF-8 text.");
  }
  if (text.trim() === "") throw new AppError("invalid_json", "The request body is empty: send a JSON object.");
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError("invalid_json", "The request body is not valid JSON.");
  }
}

/** The body's bytes, or null as soon as more than `limit` arrive (the rest is never read). */
async function readAtMost(request: Request, limit: number): Promise<Uint8Array | null> {
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
