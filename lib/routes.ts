/**
 * The one route and access manifest. Every page and route handler in app/ is listed here once (a unit test
 * holds the two together); the proxy's signed-in gate, the no-store rule, each section's access check, the
 * record's navigation, the header's links and the route lists the tests enumerate all derive from it.
 * Links are made with the typed path builders below, never written by hand.
 *
 * Plain data and pure functions only: the proxy, server components and Playwright import it (client components take
 * the path builders from lib/paths instead).
 */
import type { Feature } from "./access/policy";
import type { AllowanceKind } from "./features/rate-limit/allowance";
import * as paths from "./paths";

export { RECORD_SECTIONS, type RecordSection } from "./paths";
export { paths };

export interface RouteEntry {
  /** The route as Next names it: app/patient/[ref]/page.tsx is /patient/[ref]. */
  pattern: string;
  kind: "page" | "handler";
  /**
   * How the proxy gates it on the session cookie: "exact" the page alone, "area" the page and everything
   * under it (an unknown path there too), false not at all (public, or a handler that answers 401 itself).
   */
  signedIn: "exact" | "area" | false;
  /** It returns patient data from a national service: every visit writes an audit row before it answers. */
  patientData: boolean;
  /**
   * The feature a role needs for this route and everything under it (more than the area around it needs),
   * checked before anything streams, so a refusal is a real 403. Set on the root of a section only.
   */
  feature?: Feature;
  /** It only redirects and never renders a page of its own. */
  redirectOnly?: boolean;
  /** Each request for it takes one of the user's per-minute allowance; beyond it, the proxy answers 429. */
  allowance?: AllowanceKind;
}

const page = (pattern: string, options: Omit<RouteEntry, "pattern" | "kind">): RouteEntry => ({ pattern, kind: "page", ...options });
const handler = (pattern: string, options: Omit<RouteEntry, "pattern" | "kind">): RouteEntry => ({ pattern, kind: "handler", ...options });
const open = { signedIn: false, patientData: false } as const;

export const ROUTE_MANIFEST: readonly RouteEntry[] = [
  page("/", open),
  page("/signed-out", open),
  page("/auth/error", open),
  page("/auth/refused", open),
  page("/too-many-requests", open),
  page("/continue", { signedIn: "exact", patientData: false, redirectOnly: true }),
  page("/select-role", { signedIn: "exact", patientData: false }),

  page("/find-patient", { signedIn: "area", patientData: false }),
  page("/find-patient/details", { signedIn: "area", patientData: false }),
  page("/find-patient/advanced", { signedIn: "area", patientData: false }),
  page("/find-patient/prescription", { signedIn: "area", patientData: false, feature: "view-prescriptions" }),
  page("/find-patient/ubrn", { signedIn: "area", patientData: false, feature: "view-referrals" }),
  page("/find-patient/results", { signedIn: "area", patientData: true, allowance: "search" }),

  page("/patient/[ref]", { signedIn: "area", patientData: true }),
  page("/patient/[ref]/details", { signedIn: "area", patientData: true }),
  page("/patient/[ref]/details/contact", { signedIn: "area", patientData: true, feature: "amend-demographics" }),
  page("/patient/[ref]/summary-care-record", { signedIn: "area", patientData: true, feature: "view-scr", allowance: "scr" }),
  page("/patient/[ref]/summary-care-record/print", { signedIn: "area", patientData: true, allowance: "scr" }),
  page("/patient/[ref]/gp-record", { signedIn: "area", patientData: true, feature: "view-gp-record" }),
  page("/patient/[ref]/gp-record/consultations", { signedIn: "area", patientData: true }),
  page("/patient/[ref]/prescriptions", { signedIn: "area", patientData: true, feature: "view-prescriptions" }),
  page("/patient/[ref]/prescriptions/[rxRef]", { signedIn: "area", patientData: true }),
  page("/patient/[ref]/immunisations", { signedIn: "area", patientData: true, feature: "view-immunisations" }),
  page("/patient/[ref]/immunisations/record", { signedIn: "area", patientData: true, feature: "record-vaccinations" }),
  page("/patient/[ref]/immunisations/record/[actionRef]", { signedIn: "area", patientData: true }),
  page("/patient/[ref]/immunisations/record/[actionRef]/answers", { signedIn: "area", patientData: true }),
  page("/patient/[ref]/immunisations/change/[actionRef]", { signedIn: "area", patientData: true, feature: "record-vaccinations" }),
  page("/patient/[ref]/gp-summaries", { signedIn: "area", patientData: true, feature: "send-gp-summary" }),
  handler("/patient/[ref]/gp-summaries/status", { signedIn: "area", patientData: true }),
  page("/patient/[ref]/gp-summaries/[summaryRef]", { signedIn: "area", patientData: true }),
  page("/patient/[ref]/gp-summaries/[summaryRef]/preview", { signedIn: "area", patientData: true }),
  handler("/patient/[ref]/gp-summaries/[summaryRef]/pdf", { signedIn: "area", patientData: true }),
  page("/patient/[ref]/documents", { signedIn: "area", patientData: true, feature: "view-documents" }),
  page("/patient/[ref]/documents/[docRef]", { signedIn: "area", patientData: true }),
  handler("/patient/[ref]/documents/[docRef]/content", { signedIn: "area", patientData: true }),
  page("/patient/[ref]/referrals", { signedIn: "area", patientData: true, feature: "view-referrals" }),
  page("/patient/[ref]/referrals/[referralRef]", { signedIn: "area", patientData: true }),
  handler("/patient/[ref]/referrals/[referralRef]/attachments/[attachmentId]", { signedIn: "area", patientData: true }),
  page("/patient/[ref]/referrals/refer", { signedIn: "area", patientData: true, feature: "send-referrals" }),
  page("/patient/[ref]/referrals/refer/[actionRef]", { signedIn: "area", patientData: true }),
  page("/patient/[ref]/messages", { signedIn: "area", patientData: true, feature: "message-patients" }),
  page("/patient/[ref]/messages/[actionRef]", { signedIn: "area", patientData: true }),

  // NHS.UK pages (reference content, no patient data), to read or print for the patient
  page("/information/conditions", { signedIn: "area", patientData: false }),
  page("/information/[kind]/[slug]", { signedIn: "area", patientData: false }),

  page("/worklists", { signedIn: "area", patientData: false }),
  page("/worklists/open/[itemRef]", { signedIn: "area", patientData: false }),
  page("/audit", { signedIn: "exact", patientData: false }),
  handler("/audit/export", { signedIn: false, patientData: false }),
  handler("/vaccination-terms", { signedIn: false, patientData: false }),

  handler("/api/auth/[...nextauth]", open),
  handler("/api/session", open),
  handler("/api/session/keep-alive", open),
  handler("/api/session/end", open),
  handler("/api/session/sign-out", open),
  handler("/.well-known/jwks.json", open),
  handler("/api/health/live", open),
  handler("/api/health/ready", open),
];

/** A route pattern as a regular expression over paths; `subtree` also matches everything below it. */
export function routePattern(pattern: string, subtree = false): RegExp {
  const body = pattern
    .replace(/[.]/g, "\\.")
    .replace(/\[\.\.\.[^\]]+\]/g, ".+")
    .replace(/\[[^\]]+\]/g, "[^/]+");
  return new RegExp(subtree ? `^${body === "/" ? "" : body}(/|$)` : `^${body}/?$`);
}

const SIGNED_IN = ROUTE_MANIFEST.filter((route) => route.signedIn).map((route) => routePattern(route.pattern, route.signedIn === "area"));

/**
 * Whether a path is a signed-in page: the proxy sends it to the start page without a session cookie, and
 * its answer is no-store, since any signed-in page can show patient data (a recent patient, a search).
 */
export function isSignedInPath(path: string): boolean {
  return SIGNED_IN.some((pattern) => pattern.test(path));
}

/** Each section's feature, longest root first, so a section inside another (refer, within referrals) wins. */
const SECTIONS = ROUTE_MANIFEST.filter((route): route is RouteEntry & { feature: Feature } => route.feature !== undefined)
  .sort((a, b) => b.pattern.length - a.pattern.length)
  .map((route) => ({ pattern: routePattern(route.pattern, true), feature: route.feature }));

/** The feature a role needs for the page at this path, if it needs more than the area around it. */
export function featureForPath(path: string): Feature | null {
  return SECTIONS.find((section) => section.pattern.test(path))?.feature ?? null;
}

const LIMITED = ROUTE_MANIFEST.filter((route): route is RouteEntry & { allowance: AllowanceKind } => route.allowance !== undefined).map((route) => ({
  pattern: routePattern(route.pattern),
  allowance: route.allowance,
}));

/** The per-user allowance a request for this path takes, if any. */
export function allowanceForPath(path: string): AllowanceKind | null {
  return LIMITED.find((route) => route.pattern.test(path))?.allowance ?? null;
}

/** Every page route, for the tests that must visit each one. */
export const PAGE_ROUTES = ROUTE_MANIFEST.filter((route) => route.kind === "page").map((route) => route.pattern);

/** Every route that returns patient data, for the test that checks each one writes an audit row. */
export const PATIENT_DATA_ROUTES = ROUTE_MANIFEST.filter((route) => route.patientData).map((route) => route.pattern);

/** The header's links for a signed-in user, each shown when the acting role may use its feature. */
export const HEADER_LINKS: ReadonlyArray<{ id: "find-patient" | "worklists" | "audit"; href: string; feature: Feature }> = [
  { id: "find-patient", href: paths.findPatient(), feature: "find-patient" },
  { id: "worklists", href: paths.worklists(), feature: "view-referrals" },
  { id: "audit", href: paths.audit(), feature: "review-audit" },
];
