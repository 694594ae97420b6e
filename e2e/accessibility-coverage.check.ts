import { existsSync, readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { AXE_RECORD_FILE } from "./support/axe";
import { ROUTE_MANIFEST, routePattern } from "../lib/routes";

/** Every page that renders, from the route manifest (whose unit test holds it to app/). */
const RENDERED_PAGES = ROUTE_MANIFEST.filter((route) => route.kind === "page" && !route.redirectOnly).map((route) => route.pattern);

test("every page route was scanned with axe by the journeys", () => {
  expect(existsSync(AXE_RECORD_FILE), "no axe scans were recorded").toBe(true);
  const scanned = readFileSync(AXE_RECORD_FILE, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => (JSON.parse(line) as { path: string }).path);
  const unscanned = RENDERED_PAGES.filter((route) => !scanned.some((path) => routePattern(route).test(path)));
  expect(unscanned, "page routes with no axe scan").toEqual([]);
});
