import { defineConfig } from "@playwright/test";

// End-to-end walks through the app as a person does. Against a production build (`npm start`
// on port 3100, demo data seeded) unless E2E_BASE_URL points at a running app, e.g. the dev
// server: `E2E_BASE_URL=http://localhost:3000 npx playwright test`. Debian's chromium, never a
// downloaded browser. Dev mode compiles each page on its first visit, hence the roomy timeouts.
const baseURL = process.env.E2E_BASE_URL ?? "http://localhost:3100";

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results/e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [["list"], ["json", { outputFile: "test-results/e2e.json" }]],
  use: {
    baseURL,
    navigationTimeout: 30_000,
    actionTimeout: 15_000,
    viewport: { width: 1280, height: 800 },
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: process.env.E2E_BASE_URL
    ? undefined
    : [
        {
          command: "npm start",
          url: "http://localhost:3100/sign-in",
          env: { PORT: "3100", SEED_DEMO_DATA: "1" },
          reuseExistingServer: !process.env.CI,
          timeout: 120_000,
          stdout: "pipe",
        },
        // The same build without its embedded executor, on its own database: the background
        // functions spec drives it over HTTP, as Inngest would (set by `npm test -- e2e`).
        ...(process.env.E2E_HTTP_DATABASE_URL
          ? [
              {
                command: "npm start",
                url: "http://localhost:3101/sign-in",
                env: { PORT: "3101", DATABASE_URL: process.env.E2E_HTTP_DATABASE_URL, BACKGROUND_FUNCTIONS: "off" },
                reuseExistingServer: false,
                timeout: 120_000,
                stdout: "pipe" as const,
              },
            ]
          : []),
        // The same build with WEBHOOKS_ALLOW_INSECURE_URLS=1 and a scaled-down retry schedule
        // (48 h → 9 s), on its own seeded database: deliveries go to a receiver the spec runs on
        // http://127.0.0.1, which the production URL policy (port 3100) rightly refuses.
        ...(process.env.E2E_DELIVERY_DATABASE_URL
          ? [
              {
                command: "npm start",
                url: "http://localhost:3102/sign-in",
                env: {
                  PORT: "3102",
                  DATABASE_URL: process.env.E2E_DELIVERY_DATABASE_URL,
                  SEED_DEMO_DATA: "1",
                  WEBHOOKS_ALLOW_INSECURE_URLS: "1",
                  WEBHOOK_RETRY_SCALE: "0.00005",
                },
                reuseExistingServer: false,
                timeout: 120_000,
                stdout: "pipe" as const,
              },
            ]
          : []),
      ],
});
