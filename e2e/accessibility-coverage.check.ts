import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { expect, test } from "@playwright/test";
import { AXE_RECORD_FILE } from "./support/axe";

const APP_DIR = join(process.cwd(), "app");

/** Every page route in app/, as a pattern: app/patient/[ref]/page.tsx → /patient/[ref]. */
function pageRoutes(directory = APP_DIR): string[] {
  const routes: string[] = [];
  for (const entry of readdirSync(directory)) {
    const path = join(directory, entry);
    if (statSync(path).isDirectory()) routes.push(...pageRoutes(path));
    else if (entry === "page.tsx") {
      const segments = relative(APP_DIR, directory)
        .split(sep)
        .filter((segment) => segment && !/^\(.*\)$/.test(segment));
      routes.push(`/${segments.join("/")}`);
    }
  }
  return routes;
}

/** Routes that only redirect and never render a page of their own. */
const REDIRECT_ONLY = new Set(["/continue"]);

function routeMatcher(route: string): RegExp {
  const pattern = route.replace(/\[\.\.\.[^\]]+\]/g, ".+").replace(/\[[^\]]+\]/g, "[^/]+");
  return new RegExp(`^${pattern}$`);
}

test("every page route was scanned with axe by the journeys", () => {
  expect(existsSync(AXE_RECORD_FILE), "no axe scans were recorded").toBe(true);
  const scanned = readFileSync(AXE_RECORD_FILE, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => (JSON.parse(line) as { path: string }).path);
  const unscanned = pageRoutes()
    .filter((route) => !REDIRECT_ONLY.has(route))
    .filter((route) => !scanned.some((path) => routeMatcher(route).test(path)));
  expect(unscanned, "page routes with no axe scan").toEqual([]);
});
