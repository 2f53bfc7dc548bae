// A child process running the embedded executor for the crash test: `tsx crash-worker.ts <db url> <log file>`.
import { crashCatalog, crashFunctions } from "./crash-functions";
import { handlersFor, inProcessTransport, startExecutor, testClient } from "./harness";

const [databaseUrl, logFile] = process.argv.slice(2) as [string, string];
const { client } = testClient("crash", databaseUrl, crashCatalog);
const executor = startExecutor(databaseUrl, inProcessTransport(handlersFor(client, crashFunctions(client, logFile))), { concurrency: 8 });
await executor.start();
process.stdout.write(`ready ${executor.id}\n`);
