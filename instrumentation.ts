// Next.js calls register() once when a server process starts: the background functions
// (embedded executor, or the outbox relay to Inngest) start with the app.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.BACKGROUND_FUNCTIONS === "off") return;
  const { startBackgroundFunctions } = await import("./inngest/start-background");
  startBackgroundFunctions();
}
