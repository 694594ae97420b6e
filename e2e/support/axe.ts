import { appendFileSync } from "node:fs";
import { join } from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

// per run, so that the local and integration-mode runs can go side by side
export const AXE_RECORD_DIR = join(process.cwd(), ".data", "e2e-axe", process.env.E2E_RUN_ID ?? "default");
export const AXE_RECORD_FILE = join(AXE_RECORD_DIR, "scanned-paths.jsonl");

const WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];

/**
 * Scans the page as it stands with axe for WCAG 2.2 AA, fails on any violation, and records the
 * path so the coverage check can tell which routes were never scanned.
 */
export async function expectAccessible(page: Page, state = "default") {
  // after a client-side move Next puts the new page's <title> in once its metadata has streamed; scan the settled page
  await expect.poll(() => page.title(), { message: `no <title> on ${new URL(page.url()).pathname}` }).not.toBe("");
  // legacy mode runs axe in the page itself; the default opens a blank page per scan to merge frame results, and these pages have no frames
  const results = await new AxeBuilder({ page }).withTags(WCAG_22_AA).setLegacyMode(true).analyze();
  const summary = results.violations.map((violation) => ({
    id: violation.id,
    impact: violation.impact,
    help: violation.help,
    targets: violation.nodes.map((node) => node.target.join(" ")),
  }));
  expect(summary, `axe violations on ${new URL(page.url()).pathname} (${state})`).toEqual([]);
  appendFileSync(AXE_RECORD_FILE, `${JSON.stringify({ path: new URL(page.url()).pathname, state })}\n`);
}
