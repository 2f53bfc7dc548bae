import "server-only";
import { serve } from "inngest/next";
import { inngest } from "./client";
import { functions } from "./functions";

/** The serve() handler: the route exports it, and the embedded executor calls it in-process. */
export const inngestHandler = serve({ client: inngest, functions });
