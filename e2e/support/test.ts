import { appendFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { test as base, devices, type BrowserContext } from "@playwright/test";
import { CLUSTER, ownServers } from "./servers";

export { expect } from "@playwright/test";
export type { APIRequestContext, Page } from "@playwright/test";

export const STORAGE_RECORD_DIR = join(process.cwd(), ".data", "e2e-storage", process.env.E2E_RUN_ID ?? "default");

/**
 * Journeys run one after another in one browser context per worker, signed out between them (every
 * cookie, the app's and the mock CIS2's, cleared; every page closed), so the browser's cache of the app's
 * scripts and styles is kept as a person's browser keeps it, rather than each journey starting a cold
 * browser. A journey that changes the context itself (a fake clock) makes a context of its own.
 *
 * Every journey, as it ends, records what each of its pages left in browser storage (local and
 * session storage, IndexedDB database names), so a final check can prove no patient data is kept there.
 */
export const test = base.extend<{ recordBrowserStorage: void }, { workerContext: BrowserContext }>({
  workerContext: [
    async ({ browser }, use) => {
      const { defaultBrowserType: _, ...device } = devices["Desktop Chrome"];
      // the cluster's nginx has a certificate made for the run
      const context = await browser.newContext({ ...device, baseURL: ownServers().appOrigin, ignoreHTTPSErrors: CLUSTER });
      await use(context);
      await context.close();
    },
    { scope: "worker" },
  ],
  baseURL: async ({}, use) => {
    await use(ownServers().appOrigin);
  },
  context: async ({ workerContext }, use) => {
    await workerContext.clearCookies();
    await use(workerContext);
    for (const page of workerContext.pages()) await page.close();
    await workerContext.clearCookies();
  },
  recordBrowserStorage: [
    async ({ context }, use, testInfo) => {
      await use();
      mkdirSync(STORAGE_RECORD_DIR, { recursive: true });
      for (const page of context.pages()) {
        if (page.isClosed() || !page.url().startsWith("http")) continue;
        const stored = await page
          .evaluate(async () => ({
            local: Object.fromEntries(Object.entries(localStorage)),
            session: Object.fromEntries(Object.entries(sessionStorage)),
            indexedDb: "databases" in indexedDB ? (await indexedDB.databases()).map((database) => database.name) : [],
          }))
          .catch(() => null);
        if (stored)
          appendFileSync(
            join(STORAGE_RECORD_DIR, "storage.jsonl"),
            `${JSON.stringify({ test: testInfo.title, url: new URL(page.url()).pathname, ...stored })}\n`,
          );
      }
    },
    { auto: true },
  ],
});
