import { monotonicFactory } from "ulid";

// Prefixed, sortable ids (`wh_01J…`), one prefix per kind of record.
const prefixes = {
  user: "usr",
  store: "sto",
  membership: "mem",
  apiKey: "key",
  outboxEvent: "evt",
  webhook: "wh",
  delivery: "dlv",
  message: "msg",
  attempt: "att",
  audit: "aud",
  mail: "mail",
  run: "run",
  batch: "bat",
  rejectedEvent: "rej",
  sms: "sms",
} as const;

export type IdKind = keyof typeof prefixes;
/**
 * ulid's default source asks crypto for one byte (a new Uint8Array) per character: 16 calls per
 * id. The same CSPRNG, drawn 4 KiB at a time.
 */
const randomPool = new Uint8Array(4096);
let randomAt = randomPool.length;
function pooledRandom(): number {
  if (randomAt === randomPool.length) {
    crypto.getRandomValues(randomPool);
    randomAt = 0;
  }
  return randomPool[randomAt++]! / 256;
}
const next = monotonicFactory(pooledRandom);

export function newId(kind: IdKind): string {
  return `${prefixes[kind]}_${next()}`;
}
