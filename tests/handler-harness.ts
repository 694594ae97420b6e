/**
 * The harness behind the route-handler and server-action fuzz suites: a stand-in listening on a real
 * port, the app's own stores in a scratch directory, sessions for every kind of caller (with real
 * next-auth session cookies), what a caller controls as fast-check arbitraries, and what counts as a
 * clean answer. Each suite file mocks Next's request scope (next/headers) and next/cache itself.
 */
import type Database from "better-sqlite3";
import fc from "fast-check";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { vi } from "vitest";
import { exportJWK, generateKeyPair } from "jose";
import { encode } from "next-auth/jwt";
import { getURLFromRedirectError } from "next/dist/client/components/redirect";
import { isRedirectError } from "next/dist/client/components/redirect-error";
import { getAccessFallbackHTTPStatus, isHTTPAccessFallbackError } from "next/dist/client/components/http-access-fallback/http-access-fallback";
import { cis2IdTokenClaimsSchema, cis2UserinfoSchema, toCis2Identity } from "@/lib/auth/cis2-claims";
import { CIS2_REALM_PATH, getConfig } from "@/lib/config";
import { baseUrlSettingsFor } from "@/lib/config/apis";
import { startReferral } from "@/lib/features/bars/bars-referrals";
import { startVaccination } from "@/lib/features/vaccination/vaccinations";
import { itemRefsFor } from "@/lib/features/record/item-refs";
import { referencesFor } from "@/lib/features/record/patient-context";
import { prescriptionKey } from "@/lib/features/prescriptions/prescription-detail";
import { createServices, services, type Services } from "@/lib/server/services";
import type { ServerSession } from "@/lib/state/session-store";
import { openSqlite } from "@/lib/state/sqlite";
import { findMockUser, userinfoClaims } from "@/sandbox/cis2/users";
import { PRESCRIPTIONS } from "@/sandbox/eps/prescriptions";
import type { Sandbox } from "@/sandbox/server";
import { buildTestSandbox } from "@/sandbox/testing/support";
import { installForNodeModules } from "@/tests/next-request-scope";
import { formOf, typed } from "@/lib/fuzz/arbitraries";

export const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
export const APP_ORIGIN = "http://localhost:3000";
export const SESSION_COOKIE = "next-auth.session-token";
export const STACK_TRACE = /\n\s+at [^\n]+\(|node_modules|webpack-internal|\.next\/server|TypeError|ReferenceError/;
export const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
/** Every page a server action may send the browser to. */
export const APP_PAGE = new RegExp(
  `^/(?:|continue|audit|find-patient(?:/results)?|signed-out(?:\\?(?:reason=inactive|cis2=unreachable))?|patient/${UUID}(?:/details(?:\\?updated=\\d{1,12})?|/summary-care-record|/prescriptions/${UUID}|/referrals(?:/${UUID}|/refer(?:/${UUID})?)?|/immunisations(?:/record(?:/${UUID}(?:/answers)?)?|/change/${UUID})?|/gp-summaries(?:/${UUID}(?:/preview)?)?|/messages(?:/${UUID})?)?)$`,
);
export const PATIENTS = { withEverything: "9693632109", another: "9000000009" };
export const TEST_NHS_NUMBERS = ["9693632109", "9000000009", "9000000017", "9000000025", "9000000033", "9449304106", "9449310610"];

export type SessionKind = "clinician" | "choosing-role" | "admin-aal2" | "privacy-officer" | "idle-expired" | "ended" | "tampered" | "signed-out";
export const SESSION_KINDS: SessionKind[] = ["clinician", "choosing-role", "admin-aal2", "privacy-officer", "idle-expired", "ended", "tampered", "signed-out"];

export interface Fixture {
  base: Map<SessionKind, ServerSession>;
  cookies: Map<SessionKind, string>;
  patientRef: string;
  otherPatientRef: string;
  documentRef: string;
  referralRef: string;
  prescriptionRef: string;
  attachmentIds: string[];
  draftReferralRef: string;
  draftVaccinationRef: string;
}

let sandbox: Sandbox;
/** The stand-in's origin; it is CIS2's too. */
export let cis2Origin: string;
let dataDir: string;
export let fixture: Fixture;
export const tally = new Map<string, Map<string, number>>();

export function count(target: string, outcome: string) {
  const outcomes = tally.get(target) ?? new Map<string, number>();
  outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
  tally.set(target, outcomes);
}

export function identityOf(username: string) {
  const user = findMockUser(username)!;
  return toCis2Identity(
    cis2IdTokenClaimsSchema.parse({
      sub: user.username,
      acr: user.acr,
      amr: user.amr,
      authentication_assurance_level: user.authenticationAssuranceLevel,
      id_assurance_level: user.identityAssuranceLevel,
    }),
    cis2UserinfoSchema.parse(userinfoClaims(user)),
  );
}

export function newSession(username: string, roleId: string | null, lastSeenAt = Date.now()): ServerSession {
  const identity = identityOf(username);
  return {
    id: crypto.randomUUID(),
    user: { uid: identity.uid, name: identity.name },
    assurance: { authenticationLevel: identity.authenticationLevel, identityLevel: identity.identityLevel, acr: identity.acr, amr: identity.amr },
    roles: identity.roles,
    selectedRoleId: roleId,
    idToken: "",
    patientRefs: {},
    createdAt: Date.now(),
    lastSeenAt,
    expiresAt: Date.now() + 12 * 60 * 60 * 1000,
  };
}

/** The session cookie as sign-in makes it: the session's id and, unless told otherwise, its user's. */
export async function sessionCookie(sid: string, uid?: string | null) {
  const user = uid === undefined ? (await services().sessions.get(sid))?.user.uid : uid;
  return encode({ token: user ? { sid, uid: user } : { sid }, secret: getConfig().sessionSecret, maxAge: 12 * 60 * 60 });
}

export async function buildFixture(): Promise<Fixture> {
  const store = services().sessions;
  const created = new Map<SessionKind, ServerSession>([
    ["clinician", newSession("656005750104", "656014452101")],
    ["choosing-role", newSession("656005750104", null)],
    ["admin-aal2", newSession("656005750109", "656005755105")],
    ["privacy-officer", newSession("656005750113", "656005763109")],
    ["idle-expired", newSession("656005750104", "656014452101", Date.now() - 16 * 60 * 1000)],
  ]);
  for (const session of created.values()) await store.create(session);
  const clinician = created.get("clinician")!;
  const refs = await referencesFor(clinician.id, [PATIENTS.withEverything, PATIENTS.another]);
  for (const kind of ["admin-aal2", "privacy-officer", "idle-expired"] as const) await referencesFor(created.get(kind)!.id, [PATIENTS.withEverything]);
  const patientRef = refs[PATIENTS.withEverything]!;
  // the clinician has confirmed a basis of access to this patient's SCR, so the SCR is read too
  await store.update(clinician.id, (session) => ({
    ...session,
    scrAccess: { [PATIENTS.withEverything]: { basis: "patient-permission", reason: null, confirmedAt: Date.now(), alertRequestId: null } },
  }));
  const withRefs = (await store.get(clinician.id))!;
  const documentRef = (await itemRefsFor(withRefs, patientRef, "document", ["A20047-3000000001"])).get("A20047-3000000001")!;
  const referralRef = (await itemRefsFor((await store.get(clinician.id))!, patientRef, "referral", ["000000070001"])).get("000000070001")!;
  const prescription = PRESCRIPTIONS.find((candidate) => candidate.nhsNumber === PATIENTS.withEverything)!;
  const key = prescriptionKey(prescription.prescriptionId, null);
  const prescriptionRef = (await itemRefsFor((await store.get(clinician.id))!, patientRef, "prescription", [key])).get(key)!;
  const draftReferralRef = (await startReferral((await store.get(clinician.id))!, patientRef, getConfig().BARS_TEST_TARGETS[0]!))!;
  const clinicianSession = (await store.get(clinician.id))!;
  const draftVaccinationRef = (await startVaccination(
    clinicianSession,
    clinicianSession.roles.find((role) => role.personRoleId === clinicianSession.selectedRoleId) ?? clinicianSession.roles[0]!,
    patientRef,
    "FLU",
  ))!;

  const base = new Map<SessionKind, ServerSession>();
  for (const [kind, session] of created) base.set(kind, (await store.get(session.id, 0))!);
  const cookies = new Map<SessionKind, string>();
  for (const [kind, session] of base) cookies.set(kind, await sessionCookie(session.id));
  cookies.set("ended", await sessionCookie(crypto.randomUUID()));
  const clinicianCookie = cookies.get("clinician")!;
  const flipAt = clinicianCookie.length - 10;
  cookies.set("tampered", clinicianCookie.slice(0, flipAt) + (clinicianCookie[flipAt] === "A" ? "B" : "A") + clinicianCookie.slice(flipAt + 1));
  return {
    base,
    cookies,
    patientRef,
    otherPatientRef: refs[PATIENTS.another]!,
    documentRef,
    referralRef,
    prescriptionRef,
    attachmentIds: ["att-80010", "att-80011"],
    draftReferralRef,
    draftVaccinationRef,
  };
}

const IDLE_FOR_MS = 16 * 60 * 1000;
/** Under ACTIVITY_RECORDED_EVERY_MS, so a restored session is never touched by the look-up that follows. */
const RESTORED_FRESH_FOR_MS = 5_000;
const restored = new Map<SessionKind, { row: string; at: number }>();

/** Prepared once per database: preparing it on every call was 3% of the route fuzz suite's profile. */
const rowStatements = new WeakMap<Database.Database, Database.Statement>();

/** The session's row as the store holds it (sealed, with a fresh IV on every write): any change makes it differ. */
function storedRow(id: string): string | undefined {
  const database = openSqlite(getConfig().dataDir, "sessions.db");
  let statement = rowStatements.get(database);
  if (!statement) rowStatements.set(database, (statement = database.prepare("SELECT data FROM sessions WHERE id = ?")));
  const row = statement.get(id) as { data: string } | undefined;
  return row?.data;
}

/**
 * Puts the session back as it was: actions end sessions, change roles and add references. Most calls change
 * nothing, and rewriting it every time (a delete, a seal and an insert) was a tenth of the action fuzz suite's
 * time; so a row still exactly as the last restore left it, a moment ago, is left alone.
 */
export async function restore(kind: SessionKind) {
  const session = fixture.base.get(kind);
  if (!session) return;
  const last = restored.get(kind);
  if (last && Date.now() - last.at < RESTORED_FRESH_FOR_MS && storedRow(session.id) === last.row) return;
  await services().sessions.delete(session.id);
  // the fixture's own set-up (opening patients) counts as activity, so the idle caller's idleness is set here
  await services().sessions.create({ ...session, lastSeenAt: kind === "idle-expired" ? Date.now() - IDLE_FOR_MS : Date.now() });
  const row = storedRow(session.id);
  if (row === undefined) restored.delete(kind);
  else restored.set(kind, { row, at: Date.now() });
}

// ---------------------------------------------------------------------------------------------------
// What a caller controls

/** Mostly the signed-in clinician, who reaches deepest; every other kind of caller often enough. */
export const sessionKind = fc.oneof(
  { weight: 4, arbitrary: fc.constant<SessionKind>("clinician") },
  { weight: 7, arbitrary: fc.constantFrom(...SESSION_KINDS) },
);
export const cookieName = fc.oneof(
  fc.constantFrom(
    "next-auth.csrf-token",
    "next-auth.callback-url",
    "next-auth.state",
    "next-auth.pkce.code_verifier",
    `${SESSION_COOKIE}.0`,
    "__Secure-next-auth.session-token",
  ),
  fc.stringMatching(/^[A-Za-z0-9_.-]{1,20}$/),
);
export const extraCookies = fc.dictionary(cookieName, fc.string({ maxLength: 60 }), { maxKeys: 3 });
export const origin = fc.constantFrom<string | null>(
  APP_ORIGIN,
  null,
  "null",
  "https://evil.example",
  "http://localhost:3000.evil.example",
  "http://localhost:9000",
);
export const secFetchSite = fc.constantFrom<string | null>(null, "same-origin", "cross-site", "none");
export const headerValue = fc.string({ unit: "binary-ascii", maxLength: 40 }).map((value) => value.replace(/[^\x20-\x7e]/g, ""));
export const extraHeaders = fc.dictionary(
  fc.constantFrom("x-forwarded-host", "x-forwarded-proto", "host", "referer", "accept", "content-type", "x-request-id", "next-action", "rsc"),
  headerValue,
  { maxKeys: 3 },
);
export const segment = (valid: () => string[]) =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constant(null).chain(() => fc.constantFrom(...valid())) },
    { weight: 1, arbitrary: fc.uuid() },
    { weight: 3, arbitrary: typed },
    { weight: 1, arbitrary: fc.constantFrom("..", "%2e%2e", "%00", "<script>", "9693632109", "a".repeat(300)) },
  );
export const body = fc.oneof(
  fc.string({ unit: "binary", maxLength: 300 }),
  fc.json({ maxDepth: 2 }),
  fc.constant(""),
  formOf(["csrfToken", "callbackUrl", "json", "nhsNumber"]).map((form) => new URLSearchParams(form).toString()),
);

export interface Caller {
  kind: SessionKind;
  cookies: Record<string, string>;
  headers: Record<string, string>;
}

export const caller: fc.Arbitrary<Caller> = fc
  .record({ kind: sessionKind, extra: extraCookies, origin, secFetchSite, headers: extraHeaders })
  .map(({ kind, extra, origin: sentOrigin, secFetchSite: site, headers }) => {
    const cookie = fixture.cookies.get(kind);
    return {
      kind,
      cookies: { ...extra, ...(cookie ? { [SESSION_COOKIE]: cookie } : {}) },
      headers: { ...headers, ...(sentOrigin ? { origin: sentOrigin } : {}), ...(site ? { "sec-fetch-site": site } : {}) },
    };
  });

// ---------------------------------------------------------------------------------------------------
// What counts as a clean answer

/** The suite's own check, not expect(): it runs hundreds of thousands of times, and expect's bookkeeping showed in profiles. */
export function must(holds: boolean, problem: string, where: string) {
  if (!holds) throw new Error(`${problem} — ${where}`);
}

/** How many calls got past the sign-in and role checks: a fixture gone wrong would leave every call at the door. */
export function pastTheDoor(target: string) {
  return [...(tally.get(target) ?? [])]
    .filter(([outcome]) => !/^redirect → \/(continue)?$|^30\d → \/$|^401$/.test(outcome))
    .reduce((sum, [, times]) => sum + times, 0);
}

export const NHS_NUMBER_IN = (text: string) => TEST_NHS_NUMBERS.some((nhsNumber) => text.includes(nhsNumber));

export async function expectCleanResponse(target: string, response: Response, options: { cacheable?: boolean } = {}) {
  const text = await response.text();
  const where = `${target} answered ${response.status}: ${text.slice(0, 300)}`;
  must(response.status < 500, "a server error", where);
  must(!STACK_TRACE.test(text), "a stack trace in the body", where);
  if (response.status >= 400) {
    must((response.headers.get("content-type") ?? "").includes("application/problem+json"), "a refusal that is not a problem body", where);
    const problem = JSON.parse(text) as { title?: unknown; status?: unknown };
    must(typeof problem.title === "string" && problem.status === response.status, "a problem body without its title and status", where);
  }
  if (!options.cacheable) must((response.headers.get("cache-control") ?? "").includes("no-store"), "an answer that may be cached", where);
  const location = response.headers.get("location");
  if (location) must(new URL(location, APP_ORIGIN).origin === APP_ORIGIN, "a redirect off this site", where);
  must(!NHS_NUMBER_IN(location ?? ""), "an NHS number in a URL", where);
  count(target, location ? `${response.status} → ${new URL(location, APP_ORIGIN).pathname.replace(new RegExp(UUID, "g"), "…")}` : String(response.status));
}

/** What a server action may hand back to a page: plain data the wire format carries, nothing else. */
export function isPlainData(value: unknown): boolean {
  if (value === null || value === undefined || typeof value === "string" || typeof value === "boolean") return true;
  if (typeof value === "number") return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(isPlainData);
  if (typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) return Object.values(value).every(isPlainData);
  return false;
}

export type Settled = { kind: "state"; value: unknown } | { kind: "redirect"; url: string } | { kind: "refused"; status: number };

/** How Next would finish the call: a returned value, or one of its own redirect/403 signals. Anything else fails. */
export async function settle(target: string, call: () => Promise<unknown>): Promise<Settled> {
  try {
    const value = await call();
    return { kind: "state", value };
  } catch (error) {
    if (isRedirectError(error)) return { kind: "redirect", url: getURLFromRedirectError(error) };
    if (isHTTPAccessFallbackError(error)) return { kind: "refused", status: getAccessFallbackHTTPStatus(error) };
    throw new Error(`${target} threw, which Next turns into a 500: ${error instanceof Error ? error.stack : String(error)}`);
  }
}

export function expectCleanActionAnswer(target: string, settled: Settled, allowForbidden = false) {
  const where = `${target}: ${JSON.stringify(settled).slice(0, 300)}`;
  switch (settled.kind) {
    case "state": {
      if (settled.value !== undefined) {
        must(typeof settled.value === "object" && isPlainData(settled.value), "a result that is not plain data", where);
        const serialised = JSON.stringify(settled.value);
        must(!STACK_TRACE.test(serialised), "a stack trace in the result", where);
        must(serialised.length < 20_000, "a result echoing unbounded input", where);
      }
      const value = settled.value as { status?: unknown; errors?: unknown[] } | undefined;
      count(
        target,
        `state${value?.status !== undefined ? ` ${String(value.status)}` : value?.errors ? ` errors ${value.errors.length ? "shown" : "none"}` : ""}`,
      );
      return;
    }
    case "redirect": {
      const isCis2 = settled.url.startsWith(`${cis2Origin}/`);
      must(isCis2 || APP_PAGE.test(settled.url), "a redirect to somewhere that is not one of the app's pages", where);
      must(!NHS_NUMBER_IN(settled.url), "an NHS number in a URL", where);
      count(target, `redirect → ${isCis2 ? "CIS2 sign-out" : settled.url.replace(new RegExp(UUID, "g"), "…").replace(/\?.*/, "?…")}`);
      return;
    }
    case "refused":
      must(allowForbidden && settled.status === 403, "a refusal this action never makes", where);
      count(target, "403");
      return;
    default: {
      const unhandled: never = settled;
      throw new Error(String(unhandled));
    }
  }
}

export const oneOf = <T>(...values: Array<() => T>) => fc.constantFrom(...values).map((pick) => pick());
export const patientRefField = fc.oneof(
  { weight: 4, arbitrary: oneOf(() => fixture.patientRef) },
  { weight: 1, arbitrary: oneOf(() => fixture.otherPatientRef) },
  { weight: 2, arbitrary: fc.oneof(fc.uuid(), typed) },
);

export function locationIsOurs(response: Response) {
  const location = response.headers.get("location");
  if (!location) return true;
  const target = new URL(location, APP_ORIGIN).origin;
  return target === APP_ORIGIN || target === cis2Origin;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  return typeof address === "object" && address ? address.port : 0;
}

// ---------------------------------------------------------------------------------------------------

/** next-auth's own answers: never a 5xx or a stack trace, never a redirect off this site or CIS2. */
export async function expectCleanAuthResponse(target: string, response: Response) {
  const text = await response.text();
  const where = `${target} answered ${response.status}: ${text.slice(0, 300)}`;
  must(response.status < 500, "a server error", where);
  must(!STACK_TRACE.test(text), "a stack trace in the body", where);
  if (response.status >= 400)
    must((response.headers.get("content-type") ?? "").includes("application/problem+json"), "a refusal that is not a problem body", where);
  const location = response.headers.get("location");
  count(
    target,
    location
      ? `${response.status} → ${new URL(location, APP_ORIGIN).origin === cis2Origin ? "CIS2" : new URL(location, APP_ORIGIN).pathname}`
      : String(response.status),
  );
}

// ---------------------------------------------------------------------------------------------------

/** Waits between read retries the app asked for, recorded instead of slept. */
export const retryWaits: number[] = [];

export async function startHarness(options: { timeoutMs?: number } = {}) {
  restored.clear();
  installForNodeModules();
  // the stand-in's own links (document content, attachments) must name the port it listens on
  const port = await freePort();
  const standIn = { sandbox: await buildTestSandbox({ publicBaseUrl: `http://127.0.0.1:${port}` }), origin: `http://127.0.0.1:${port}` };
  await standIn.sandbox.app.listen({ port, host: "127.0.0.1" });
  sandbox = standIn.sandbox;
  cis2Origin = standIn.origin;
  // the stores sync every write to disk, as they must in service; in memory-backed storage that costs nothing here
  dataDir = mkdtempSync(join(existsSync("/dev/shm") ? "/dev/shm" : tmpdir(), "handlers-fuzz-"));
  const { privateKey } = await generateKeyPair("RS256", { extractable: true });
  const env: Record<string, string> = {
    APP_BASE_URL: APP_ORIGIN,
    NEXTAUTH_URL: APP_ORIGIN,
    SESSION_SECRET: "handlers-fuzz-session-secret-at-least-32-characters",
    CIS2_CLIENT_PRIVATE_JWK: JSON.stringify({ ...(await exportJWK(privateKey)), kid: "fuzz-cis2-client", alg: "RS256", use: "sig" }),
    CIS2_CLIENT_ID: "test-client",
    CIS2_ISSUER: `${standIn.origin}${CIS2_REALM_PATH}`,
    APP_DATA_DIR: dataDir,
    NHS_ENV: "local",
    NRL_DOCUMENT_ORIGINS: standIn.origin,
    ERS_ATTACHMENT_ORIGINS: standIn.origin,
    NHS_API_TIMEOUT_MS: String(options.timeoutMs ?? 5000),
    NHS_API_CIRCUIT_FAILURES: "1000",
    // the fuzz suites make thousands of searches as one user; a test of the limits sets its own first
    RATE_LIMIT_SEARCHES_PER_MINUTE: process.env.RATE_LIMIT_SEARCHES_PER_MINUTE ?? "100000",
    RATE_LIMIT_SCR_PER_MINUTE: process.env.RATE_LIMIT_SCR_PER_MINUTE ?? "100000",
  };
  Object.assign(env, baseUrlSettingsFor(standIn.origin));
  // MESH (summaries to the GP) at the same stand-in, with its demo mailbox
  env.MESH_BASE_URL = standIn.origin;
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  (globalThis as typeof globalThis & { __careRecordViewerServices?: Services }).__careRecordViewerServices = createServices({
    sleep: async (milliseconds) => void retryWaits.push(milliseconds),
  });
  fixture = await buildFixture();
}

export async function stopHarness(title: string) {
  vi.unstubAllEnvs();
  await sandbox?.app.close();
  const rows = [...tally].map(([target, outcomes]) => {
    const total = [...outcomes.values()].reduce((sum, value) => sum + value, 0);
    const detail = [...outcomes]
      .sort((a, b) => b[1] - a[1])
      .map(([outcome, times]) => `${outcome} ×${times}`)
      .join(", ");
    return `  ${target.padEnd(70)} ${String(total).padStart(6)}  ${detail}`;
  });
  if (rows.length) process.stdout.write(`${title} under generated requests (${RUNS.toLocaleString("en-GB")} each):\n${rows.join("\n")}\n`);
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}
