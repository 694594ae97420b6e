import { appendFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { test as base } from "@playwright/test";

export { expect } from "@playwright/test";
export type { APIRequestContext, Page } from "@playwright/test";

export const STORAGE_RECORD_DIR = join(process.cwd(), ".data", "e2e-storage", process.env.E2E_RUN_ID ?? "default");

/**
 * Every journey, as it ends, records what each of its pages left in browser storage (local and
 * session storage, IndexedDB database names), so a final check can prove no patient data is kept there.
 */
export const test = base.extend<{ recordBrowserStorage: void }>({
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
        if (stored) appendFileSync(join(STORAGE_RECORD_DIR, "storage.jsonl"), `${JSON.stringify({ test: testInfo.title, url: new URL(page.url()).pathname, ...stored })}\n`);
      }
    },
    { auto: true },
  ],
});
