// Summarises a V8 .cpuprofile (node --cpu-prof): self time by package / area and by function,
// and inclusive time of the functions that matter to the executor's hot path.
//
//   node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/executor.ts
//   npx tsx bench/profile-summary.ts /tmp/prof/CPU.….cpuprofile [extra function names…]
import { readFileSync } from "node:fs";

type Frame = { functionName: string; url: string; lineNumber: number };
type ProfileNode = { id: number; callFrame: Frame; hitCount?: number; children?: number[] };
type Profile = { nodes: ProfileNode[]; startTime: number; endTime: number; samples: number[]; timeDeltas: number[] };

const [file, ...extra] = process.argv.slice(2);
if (!file) throw new Error("usage: profile-summary.ts <file.cpuprofile> [function names…]");
const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;

// Time per node from the sample stream (more exact than hitCount × interval).
const selfUs = new Map<number, number>();
for (let i = 0; i < profile.samples.length; i++) {
  const id = profile.samples[i]!;
  selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i + 1] ?? 0));
}
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const totalUs = [...selfUs.values()].reduce((a, b) => a + b, 0);

function area(frame: Frame): string {
  const { url, functionName } = frame;
  if (!url) {
    if (functionName === "(idle)") return "(idle)";
    if (functionName === "(garbage collector)") return "(garbage collector)";
    if (functionName === "(program)") return "(program)";
    return "(native/builtin)";
  }
  const nm = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (nm) {
    const pkg = nm[1]!;
    if (pkg === "next") {
      const sub = url.match(/next\/dist\/(?:compiled\/)?([^/]+\/[^/]+|[^/]+)/);
      return `next (${sub?.[1] ?? "?"})`;
    }
    if (pkg === "inngest") {
      const sub = url.match(/inngest\/(.+?)(?:\.js|\.cjs)/);
      return `inngest/${sub?.[1] ?? "?"}`;
    }
    return pkg;
  }
  if (url.startsWith("node:")) return url;
  const local = url.match(/\/work\/main\/(.+)$/);
  return local ? local[1]! : url;
}

/** Coarser buckets: whose code the time went to. */
function group(frame: Frame): string {
  const a = area(frame);
  if (a.startsWith("inngest/") || ["hash.js", "json-stringify-safe", "debug", "ms", "serialize-error-cjs"].includes(a)) return "inngest SDK (incl. its zod v3, canonicalize, hash.js)";
  if (a === "canonicalize") return "executor: canonicalize (request signing)";
  if (a.startsWith("lib/executor/")) return "executor: lib/executor code";
  if (a.startsWith("bench/")) return "bench harness";
  if (a === "pg" || a === "pg-protocol" || a === "pg-pool" || a === "pg-types" || a === "postgres-array" || a === "pgpass" || a === "pg-connection-string") return "node-postgres";
  if (a.startsWith("next")) return "next (NextRequest/NextResponse)";
  if (a.includes("undici") || a.includes("webstreams") || a.includes("encoding") || a === "node:internal/url" || a === "node:url") return "web Request/Response/streams/URL (undici)";
  if (a.includes("crypto") || a.includes("js_transferable")) return "node crypto (HMAC, WebCrypto)";
  if (a.includes("async_hooks")) return "async_hooks (AsyncLocalStorage promise hooks)";
  if (a === "(garbage collector)") return "GC";
  if (a === "(idle)") return "(idle)";
  if (a.includes("modules/") || a.includes("cjs-module-lexer") || a.startsWith("wasm://") || a === "esbuild" || a === "tsx") return "module loading / tsx";
  if (a === "zod") return "zod (app's event schemas)";
  return `other: ${a}`;
}

const pct = (us: number) => `${((us / totalUs) * 100).toFixed(1).padStart(5)}%`;
const msOf = (us: number) => `${(us / 1000).toFixed(0).padStart(7)} ms`;

function printTop(title: string, map: Map<string, number>, limit: number) {
  console.log(`\n${title}`);
  for (const [key, us] of [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, limit)) console.log(`${pct(us)} ${msOf(us)}  ${key}`);
}

const byGroup = new Map<string, number>();
const byOther = new Map<string, number>();
const byArea = new Map<string, number>();
const byFunction = new Map<string, number>();
for (const [id, us] of selfUs) {
  const frame = byId.get(id)!.callFrame;
  const a = area(frame);
  const g = group(frame);
  const bucket = frame.functionName === "writev" || frame.functionName === "writeUtf8String" || frame.functionName === "writeBuffer" ? "socket writes (syscalls; mostly pg)" : g.startsWith("other: ") ? "other (node internals, native, program)" : g;
  byGroup.set(bucket, (byGroup.get(bucket) ?? 0) + us);
  if (bucket.startsWith("other")) byOther.set(a, (byOther.get(a) ?? 0) + us);
  byArea.set(a, (byArea.get(a) ?? 0) + us);
  const fn = `${frame.functionName || "(anonymous)"}  ${a}:${frame.lineNumber + 1}`;
  byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
}
console.log(`${file}: ${(totalUs / 1e6).toFixed(2)} s sampled`);
printTop("Self time by owner", byGroup, 20);
printTop("… of which other", byOther, 8);
printTop("Self time by area", byArea, 30);
printTop("Self time by function", byFunction, 40);

// Inclusive time: a sample counts for a name when any frame on its stack has that name.
const interesting = [
  "processRun",
  "signRequest",
  "verifySignature",
  "canonicalize",
  "serialize",
  "invocationBody",
  "interpretResponse",
  "recordProgress",
  "loadEvents",
  "loadSteps",
  "dispatchEvents",
  "claimRuns",
  "insertEvents",
  "handleExecutorApi",
  "receiveEvents",
  "eventProblem",
  "NextRequest",
  "handleAction",
  "createResponse",
  "_send",
  "send",
  "stringify",
  "parse",
  "JSON.parse",
  "parseAsync",
  "safeParse",
  "createHmac",
  "digest",
  "hashSigningKey",
  "validateSignature",
  "getHeaders",
  "fetch",
  ...extra,
];
const inclusive = new Map<string, number>();
const stackCache = new Map<number, Set<string>>();
function namesOnStack(id: number): Set<string> {
  let names = stackCache.get(id);
  if (names) return names;
  const up = parent.get(id);
  names = new Set(up === undefined ? [] : namesOnStack(up));
  names.add(byId.get(id)!.callFrame.functionName);
  stackCache.set(id, names);
  return names;
}
for (const [id, us] of selfUs) {
  const names = namesOnStack(id);
  for (const name of interesting) if (names.has(name)) inclusive.set(name, (inclusive.get(name) ?? 0) + us);
}
printTop("Inclusive time of selected functions (any frame of that name on the stack)", inclusive, interesting.length);
