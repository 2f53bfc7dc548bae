import { inngestHandler } from "@/inngest/handler";

// Inngest's endpoint: the embedded executor (or Inngest Cloud / self-hosted) syncs and calls
// the functions here. Requests are signed with the signing key; unsigned calls get 401.
export const { GET, POST, PUT } = inngestHandler;
export const dynamic = "force-dynamic";
