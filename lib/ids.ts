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
const next = monotonicFactory();

export function newId(kind: IdKind): string {
  return `${prefixes[kind]}_${next()}`;
}
