// The app's background side in a child process, for the webhook crash test: the real serve()
// handler and functions, driven by the embedded executor as inngest/start-background.ts sets it
// up. Run as `node --conditions=react-server --import tsx delivery-worker.ts` with the app's env.
import { inngestHandler } from "@/inngest/handler";
import { embeddedKeys } from "@/lib/executor/client-options";
import { EmbeddedExecutor } from "@/lib/executor/executor";
import { snapshotProcessEnv } from "@/lib/executor/process-env";
import { inProcessTransport } from "@/lib/executor/transport";

snapshotProcessEnv(); // as the app does in-process
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
  const { monitorEventLoopDelay } = await import("node:perf_hooks");
  const h = monitorEventLoopDelay({ resolution: 5 });
  h.enable();
  const t0 = Date.now();
  setInterval(() => {
    process.stderr.write(`[loop] t=${((Date.now() - t0) / 1000).toFixed(1)} max=${(h.max / 1e6).toFixed(0)}ms p99=${(h.percentile(99) / 1e6).toFixed(0)}ms\n`);
    h.reset();
  }, 500).unref();
}
