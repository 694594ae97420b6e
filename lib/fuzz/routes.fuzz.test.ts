/**
 * Every route handler, called in-process with generated requests: 10,000 each by default (FUZZ_RUNS).
 * They run as Next runs them, with the real session store, next-auth decrypting real session cookies,
 * the durable audit and the NHS clients calling a stand-in over sockets; only Next's request scope
 * (cookies(), headers()) is supplied by the test. Generated: path segments, query, body, headers and
 * cookies, across every kind of caller (signed in, other roles, idle, ended, tampered, none).
 *
 * Each answer must be one Next sends on cleanly: below 500, every refusal a problem+json body, patient
 * answers no-store, redirects only to this site (or CIS2), never an NHS number in a URL. Prints each
 * route's outcomes. The server actions have their own suite (actions.fuzz.test.ts).
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.LOG_LEVEL = process.env.FUZZ_LOG_LEVEL ?? "silent";
  process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = "true";
});
vi.mock("next/headers", async () => (await import("@/tests/next-request-scope")).nextHeaders);
vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));

import { NextRequest } from "next/server";
import * as wellKnownJwks from "@/app/.well-known/jwks.json/route";
import * as nextAuthRoute from "@/app/api/auth/[...nextauth]/route";
import * as sessionEndRoute from "@/app/api/session/end/route";
import * as keepAliveRoute from "@/app/api/session/keep-alive/route";
import * as sessionRoute from "@/app/api/session/route";
import * as auditExportRoute from "@/app/audit/export/route";
import * as documentContentRoute from "@/app/patient/[ref]/documents/[docRef]/content/route";
import * as attachmentRoute from "@/app/patient/[ref]/referrals/[referralRef]/attachments/[attachmentId]/route";
import * as vaccinationTermsRoute from "@/app/vaccination-terms/route";
import { VACCINE_TYPES } from "@/lib/nhs/immunisation/vaccine-types";
import { AUDIT_FILTER_FIELDS } from "@/lib/features/audit-review/filter-form";
import { services } from "@/lib/server/services";
import { inRequest } from "@/tests/next-request-scope";
import { formOf, typed } from "./arbitraries";
import {
  APP_ORIGIN,
  APP_PAGE,
  body,
  caller,
  count,
  expectCleanAuthResponse,
  expectCleanResponse,
  fixture,
  locationIsOurs,
  must,
  pastTheDoor,
  PATIENTS,
  restore,
  RUNS,
  segment,
  settle,
  startHarness,
  stopHarness,
  UUID,
  type Caller,
} from "@/tests/handler-harness";

const params = <T extends Record<string, unknown>>(values: T) => ({ params: Promise.resolve(values) });
const query = fc.dictionary(
  fc.oneof(typed, fc.constantFrom("callbackUrl", "error", "code", "state", "csrf")),
  fc.oneof(typed, fc.constantFrom("https://evil.example/", "//evil.example", "/patient/x", "javascript:alert(1)")),
  { maxKeys: 3 },
);
const withQuery = (path: string, values: Record<string, string>) =>
  `${APP_ORIGIN}${path}${Object.keys(values).length ? `?${new URLSearchParams(values)}` : ""}`;
const requestOf = (url: string, method: string, from: Caller, sent?: string) =>
  new Request(url, {
    method,
    headers: { ...from.headers, ...(sent !== undefined ? { "content-type": from.headers["content-type"] ?? "application/x-www-form-urlencoded" } : {}) },
    body: method === "GET" ? undefined : (sent ?? ""),
  });

interface RouteTarget {
  name: string;
  arbitrary: fc.Arbitrary<{ from: Caller; request?: string; send: () => Promise<Response> }>;
  cacheable?: boolean;
}

const ROUTES: RouteTarget[] = [
  {
    name: "POST /audit/export",
    arbitrary: fc
      .record({ from: caller, sent: body, filter: fc.oneof(formOf(AUDIT_FILTER_FIELDS), fc.constant({ nhsNumber: PATIENTS.withEverything })) })
      .map(({ from, sent, filter }) => ({
        from,
        send: async () => {
          if (from.kind === "privacy-officer")
            await services().sessions.update(fixture.base.get("privacy-officer")!.id, (session) => ({ ...session, auditFilter: filter }));
          return auditExportRoute.POST(requestOf(`${APP_ORIGIN}/audit/export`, "POST", from, String(sent)));
        },
      })),
  },
  { name: "GET /api/session", arbitrary: caller.map((from) => ({ from, send: () => sessionRoute.GET() })) },
  {
    name: "POST /api/session/keep-alive",
    arbitrary: fc
      .record({ from: caller, sent: body })
      .map(({ from, sent }) => ({ from, send: () => keepAliveRoute.POST(requestOf(`${APP_ORIGIN}/api/session/keep-alive`, "POST", from, String(sent))) })),
  },
  {
    name: "POST /api/session/end",
    arbitrary: fc
      .record({ from: caller, sent: body })
      .map(({ from, sent }) => ({ from, send: () => sessionEndRoute.POST(requestOf(`${APP_ORIGIN}/api/session/end`, "POST", from, String(sent))) })),
  },
  { name: "GET /.well-known/jwks.json", cacheable: true, arbitrary: caller.map((from) => ({ from, send: async () => wellKnownJwks.GET() })) },
  {
    name: "GET /patient/[ref]/documents/[docRef]/content",
    arbitrary: fc
      .record({
        from: caller,
        ref: segment(() => [fixture.patientRef, fixture.otherPatientRef]),
        docRef: segment(() => [fixture.documentRef, fixture.referralRef, fixture.prescriptionRef]),
        values: query,
      })
      .map(({ from, ref, docRef, values }) => ({
        from,
        send: () =>
          documentContentRoute.GET(
            requestOf(withQuery(`/patient/${encodeURIComponent(ref)}/documents/${encodeURIComponent(docRef)}/content`, values), "GET", from),
            params({ ref, docRef }),
          ),
      })),
  },
  {
    name: "GET /patient/[ref]/referrals/[referralRef]/attachments/[attachmentId]",
    arbitrary: fc
      .record({
        from: caller,
        ref: segment(() => [fixture.patientRef, fixture.otherPatientRef]),
        referralRef: segment(() => [fixture.referralRef, fixture.documentRef]),
        attachmentId: segment(() => fixture.attachmentIds),
      })
      .map(({ from, ref, referralRef, attachmentId }) => ({
        from,
        send: () =>
          attachmentRoute.GET(requestOf(`${APP_ORIGIN}/patient/x/referrals/y/attachments/z`, "GET", from), params({ ref, referralRef, attachmentId })),
      })),
  },
  {
    name: "GET /vaccination-terms",
    arbitrary: fc
      .record({
        from: caller,
        list: fc.oneof({ weight: 4, arbitrary: fc.constantFrom("products", "sites", "routes") }, { weight: 1, arbitrary: typed }),
        type: fc.option(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...VACCINE_TYPES) }, { weight: 1, arbitrary: typed }), { nil: undefined }),
        // mostly what people type (answered from the terminology cache after the first time), some of anything
        text: fc.oneof({ weight: 6, arbitrary: fc.constantFrom("", "flu", "Fluad Tet", "arm", "intra", "COVID-19 mRNA") }, { weight: 1, arbitrary: typed }),
        values: query,
      })
      .map(({ from, list, type, text, values }) => ({
        from,
        send: () =>
          vaccinationTermsRoute.GET(
            requestOf(withQuery("/vaccination-terms", { ...values, list, text, ...(type === undefined ? {} : { type }) }), "GET", from),
          ),
      })),
  },
  {
    name: "GET|POST /api/auth/[...nextauth]",
    arbitrary: fc
      .record({
        from: caller,
        method: fc.constantFrom("GET", "POST"),
        nextauth: fc.oneof(
          {
            weight: 3,
            arbitrary: fc.constantFrom<string[]>(
              ["signin"],
              ["signin", "cis2"],
              ["callback", "cis2"],
              ["session"],
              ["csrf"],
              ["providers"],
              ["signout"],
              ["error"],
              ["_log"],
            ),
          },
          { weight: 1, arbitrary: fc.array(typed, { minLength: 0, maxLength: 3 }) },
        ),
        values: query,
        sent: body,
      })
      .map(({ from, method, nextauth, values, sent }) => ({
        from,
        request: `${method} ${JSON.stringify(nextauth)} ${JSON.stringify(values)} ${JSON.stringify(sent)}`,
        send: () =>
          nextAuthRoute.GET(
            new NextRequest(withQuery(`/api/auth/${nextauth.map(encodeURIComponent).join("/")}`, values), {
              method,
              headers: requestOf(APP_ORIGIN, method, from, String(sent)).headers,
              body: method === "GET" ? undefined : String(sent),
            }) as never,
            params({ nextauth }) as never,
          ),
      })),
  },
];

beforeAll(() => startHarness(), 60_000);
afterAll(() => stopHarness("Route handlers"));

describe(`route handlers under ${RUNS.toLocaleString("en-GB")} generated requests each`, () => {
  for (const target of ROUTES) {
    it(`${target.name}: below 500, refusals as problem+json, redirects only to this site or CIS2`, async () => {
      await fc.assert(
        fc.asyncProperty(target.arbitrary, async ({ from, send }) => {
          await restore(from.kind);
          let response: Response | undefined;
          const { result } = await inRequest({ cookies: from.cookies, headers: from.headers }, () =>
            settle(target.name, async () => (response = await send())),
          );
          if (result.kind === "redirect") {
            must(APP_PAGE.test(result.url), "a redirect to somewhere that is not one of the app's pages", `${target.name}: ${result.url}`);
            count(target.name, `redirect → ${result.url.replace(new RegExp(UUID, "g"), "…")}`);
            return;
          }
          must(result.kind === "state", "a refusal route handlers never make", `${target.name}: ${JSON.stringify(result)}`);
          must(locationIsOurs(response!), "a redirect off this site and CIS2", `${target.name}: ${response!.headers.get("location")}`);
          if (target.name.startsWith("GET|POST /api/auth")) await expectCleanAuthResponse(target.name, response!);
          else await expectCleanResponse(target.name, response!, { cacheable: target.cacheable });
        }),
        { numRuns: RUNS, endOnFailure: true },
      );
      expect(pastTheDoor(target.name)).toBeGreaterThan(RUNS * 0.3);
    }, 300_000);
  }
});
