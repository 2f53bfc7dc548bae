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
