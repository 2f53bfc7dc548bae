// The app's background side in a child process, for the webhook crash test: the real serve()
// handler and functions, driven by the embedded executor as inngest/start-background.ts sets it
// up. Run as `node --conditions=react-server --import tsx delivery-worker.ts` with the app's env.
import { inngestHandler } from "@/inngest/handler";
import { embeddedKeys } from "@/lib/executor/client-options";
import { EmbeddedExecutor } from "@/lib/executor/executor";
import { snapshotProcessEnv } from "@/lib/executor/process-env";
import { inProcessTransport } from "@/lib/executor/transport";

snapshotProcessEnv(); // as the app does in-process
// SSRF scenario: a DNS rebinding attacker's answers (host name → address), through the delivery
// agent's resolver hook; the connect-time address check is the production one.
if (process.env.RELIABILITY_REBIND) {
  const answers = new Map<string, string>(Object.entries(JSON.parse(process.env.RELIABILITY_REBIND) as Record<string, string>));
  const [{ createDeliveryAgent }, { urlPolicyOptions }] = await Promise.all([import("@/lib/webhooks/attempt"), import("@/lib/webhooks/webhook-input")]);
  (globalThis as { deliveryAgent?: unknown }).deliveryAgent = createDeliveryAgent({
    policy: urlPolicyOptions(),
    resolve: async (host) => {
      const address = answers.get(host);
      if (!address) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: "ENOTFOUND" });
      return [{ address, family: address.includes(":") ? 6 : 4 }];
    },
  });
}
const executor = new EmbeddedExecutor({
  databaseUrl: process.env.DATABASE_URL!,
  transport: inProcessTransport(inngestHandler),
  serveUrl: "http://app.test/api/inngest",
  signingKey: embeddedKeys(process.env.AUTH_SECRET!).signingKey,
  log: (message) => process.stderr.write(`[delivery-worker ${process.pid}] ${message}\n`),
});
await executor.start();
process.stdout.write(`ready ${executor.id}\n`);
// The test holds our stdin: if it dies without killing us, stop rather than run on as an orphan.
process.stdin.on("end", () => process.exit(1)).resume();
if (process.env.RELIABILITY_DEBUG) {
  const { monitorEventLoopDelay, performance: perf } = await import("node:perf_hooks");
  let elu = perf.eventLoopUtilization();
  const h = monitorEventLoopDelay({ resolution: 5 });
  h.enable();
  setInterval(() => {
    const now = perf.eventLoopUtilization();
    process.stderr.write(`[loop] at=${Date.now()} max=${(h.max / 1e6).toFixed(0)}ms elu=${perf.eventLoopUtilization(now, elu).utilization.toFixed(2)} cpu=${JSON.stringify(process.cpuUsage())}\n`);
    elu = now;
    h.reset();
  }, 250).unref();
}
if (process.env.WORKER_CPU_PROFILE) {
  const { Session } = await import("node:inspector/promises");
  const { writeFileSync } = await import("node:fs");
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.setSamplingInterval", { interval: 200 });
  await session.post("Profiler.start");
  setTimeout(async () => {
    const { profile } = await session.post("Profiler.stop");
    writeFileSync(process.env.WORKER_CPU_PROFILE!, JSON.stringify(profile));
    process.stderr.write("[profile] written\n");
  }, Number(process.env.WORKER_CPU_PROFILE_SECONDS ?? 25) * 1000).unref();
}
