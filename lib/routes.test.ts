import { readdirSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { describe, expect, it } from "vitest";
import { featureForPath, isSignedInPath, PAGE_ROUTES, paths, PATIENT_DATA_ROUTES, RECORD_SECTIONS, ROUTE_MANIFEST, routePattern } from "./routes";

const APP_DIR = join(process.cwd(), "app");
const REF = "0b0e0a4e-7d52-4a53-9f57-2d5b8a1c3f10";

/** Every page and route handler in app/, as Next names it. */
function routesInApp(directory = APP_DIR): Array<{ pattern: string; kind: "page" | "handler" }> {
  return readdirSync(directory).flatMap((entry) => {
    const path = join(directory, entry);
    if (statSync(path).isDirectory()) return entry.startsWith("_") ? [] : routesInApp(path);
    if (entry !== "page.tsx" && entry !== "route.ts") return [];
    const segments = relative(APP_DIR, directory)
      .split(sep)
      .filter((segment) => segment && !/^\(.*\)$/.test(segment));
    return [{ pattern: `/${segments.join("/")}`, kind: entry === "page.tsx" ? ("page" as const) : ("handler" as const) }];
  });
}

describe("the route manifest", () => {
  it("lists every page and route handler in app/, and nothing that is not there", () => {
    const inApp = routesInApp()
      .map((route) => `${route.kind} ${route.pattern}`)
      .sort();
    const listed = ROUTE_MANIFEST.map((route) => `${route.kind} ${route.pattern}`).sort();
    expect(listed).toEqual(inApp);
    expect(new Set(listed).size).toBe(listed.length);
  });

  it("gates signed-in areas on the session cookie, unknown paths inside them too, and leaves public pages open", () => {
    for (const path of [
      "/continue",
      "/select-role",
      "/find-patient",
      "/find-patient/results",
      `/patient/${REF}`,
      `/patient/${REF}/anything`,
      "/audit",
      "/worklists",
      "/worklists/open/x",
    ]) {
      expect(isSignedInPath(path), path).toBe(true);
    }
    for (const path of ["/", "/signed-out", "/auth/error", "/api/session", "/audit/export", "/.well-known/jwks.json", "/patients", "/audit-log"]) {
      expect(isSignedInPath(path), path).toBe(false);
    }
  });

  it("names the feature each section needs, the most specific section first", () => {
    expect(featureForPath(`/patient/${REF}`)).toBeNull();
    expect(featureForPath(`/patient/${REF}/details`)).toBeNull();
    expect(featureForPath(`/patient/${REF}/details/contact`)).toBe("amend-demographics");
    expect(featureForPath(`/patient/${REF}/summary-care-record/print`)).toBe("view-scr");
    expect(featureForPath(`/patient/${REF}/prescriptions/${REF}`)).toBe("view-prescriptions");
    expect(featureForPath(`/patient/${REF}/immunisations`)).toBe("view-immunisations");
    expect(featureForPath(`/patient/${REF}/documents/${REF}/content`)).toBe("view-documents");
    expect(featureForPath(`/patient/${REF}/referrals/${REF}`)).toBe("view-referrals");
    expect(featureForPath(`/patient/${REF}/referrals/refer`)).toBe("send-referrals");
    expect(featureForPath(`/patient/${REF}/referrals/refer/${REF}`)).toBe("send-referrals");
    expect(featureForPath(`/patient/${REF}/immunisations/record/${REF}/answers`)).toBe("record-vaccinations");
    expect(featureForPath(`/patient/${REF}/immunisations/change/${REF}`)).toBe("record-vaccinations");
    expect(featureForPath("/find-patient/prescription")).toBe("view-prescriptions");
    expect(featureForPath("/find-patient/ubrn")).toBe("view-referrals");
    expect(featureForPath("/find-patient")).toBeNull();
  });

  it("builds every link to a route the manifest holds", () => {
    const built = [
      ...Object.entries(paths)
        .filter(([, build]) => typeof build === "function")
        .map(([name, build]) => [name, (build as (...args: string[]) => string)(REF, REF, REF)] as const),
      ...RECORD_SECTIONS.map((section) => [section, paths.recordSection(REF, section)] as const),
    ];
    for (const [name, path] of built) {
      expect(
        ROUTE_MANIFEST.some((route) => routePattern(route.pattern).test(path)),
        `${name}: ${path}`,
      ).toBe(true);
    }
  });

  it("gives the tests their lists: pages to scan, routes that must audit", () => {
    expect(PAGE_ROUTES.length).toBeGreaterThanOrEqual(29);
    expect(PATIENT_DATA_ROUTES).toContain("/find-patient/results");
    expect(PATIENT_DATA_ROUTES.filter((route) => route.startsWith("/patient/"))).toHaveLength(
      routesInApp().filter((route) => route.pattern.startsWith("/patient/")).length,
    );
  });
});
