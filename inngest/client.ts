// The one Inngest client. Embedded by default (the executor in lib/executor runs the functions
// against PostgreSQL); INNGEST_* env vars send everything to Inngest Cloud or a self-hosted server.
import { Inngest } from "inngest";
import { inngestClientOptions } from "@/lib/executor/client-options";
import { appConnection } from "./connection";

export const inngest = new Inngest(inngestClientOptions({ id: "back-in-stock" }, appConnection));
