import fc from "fast-check";
import { expect, test, type APIRequestContext } from "./support/test";
import { APP_ORIGIN, openRecord, signInAsGp } from "./support/journeys";

/**
 * Generated requests against the running app's route handlers, pages and a server action, signed in,
 * through the real server: Next's routing and action decoding in front of the handlers. The handlers
 * and every server action take 10,000 generated requests each in-process (lib/fuzz/routes.fuzz.test.ts,
 * actions.fuzz.test.ts); over HTTP each route takes 60 by default (FUZZ_HTTP_RUNS), to prove the server in front of them, and only in local mode: in
 * integration mode the same server code answers, with only the upstream credentials changed.
 */
const RUNS_PER_ROUTE = Number(process.env.FUZZ_HTTP_RUNS ?? 60);
const STACK_TRACE = /\n\s+at [^\n]+\(|node_modules|webpack-internal|\.next\/server/;

const segment = fc.oneof(
  fc.uuid(),
  fc.string({ unit: "grapheme", maxLength: 30 }),
  fc.constantFrom("..", "%2e%2e", "%00", "<script>", "' OR 1=1", "9000000009", "a".repeat(300)),
);
const queryValue = fc.string({ unit: "binary", maxLength: 60 });
const body = fc.oneof(
  fc.string({ unit: "binary", maxLength: 500 }),
  fc.json().map((value) => value),
  fc.constant(""),
);

async function expectHandled(request: APIRequestContext, method: string, url: string, data?: string, contentType?: string) {
  const response = await request.fetch(url, {
    method,
    data,
    headers: { origin: APP_ORIGIN, ...(contentType ? { "content-type": contentType } : {}) },
    maxRedirects: 0,
    failOnStatusCode: false,
  });
  const status = response.status();
  const text = await response.text();
  expect(status, `${method} ${url}`).toBeLessThan(500);
  expect(text, `${method} ${url}`).not.toMatch(STACK_TRACE);
  if (status === 400) expect(response.headers()["content-type"] ?? "", `${method} ${url}`).toContain("problem+json");
}

test.describe.configure({ timeout: 240_000 });
test.skip(process.env.E2E_NHS_MODE === "int", "runs in local mode; the in-process fuzz suites cover the handlers");

test("route handlers answer generated requests without a server error or a stack trace", async ({ page }) => {
  await signInAsGp(page);
  const ref = await openRecord(page, "9693632109");
  const request = page.request;
  const encode = (value: string) => encodeURIComponent(value);

  const routes: Array<[string, fc.Arbitrary<() => Promise<void>>]> = [
    ["GET /api/session", queryValue.map((query) => () => expectHandled(request, "GET", `/api/session?${encode(query)}=${encode(query)}`))],
    ["POST /api/session/keep-alive", body.map((data) => () => expectHandled(request, "POST", "/api/session/keep-alive", String(data), "application/json"))],
    ["POST /audit/export", body.map((data) => () => expectHandled(request, "POST", "/audit/export", String(data), "application/x-www-form-urlencoded"))],
    [
      "GET documents content",
      fc.tuple(segment, queryValue).map(
        ([docRef, query]) =>
          () =>
            expectHandled(request, "GET", `/patient/${ref}/documents/${encode(docRef)}/content?x=${encode(query)}`),
      ),
    ],
    [
      "GET referral attachment",
      fc.tuple(segment, segment).map(
        ([referralRef, attachmentId]) =>
          () =>
            expectHandled(request, "GET", `/patient/${ref}/referrals/${encode(referralRef)}/attachments/${encode(attachmentId)}`),
      ),
    ],
    [
      "GET patient pages with a generated reference",
      fc.tuple(segment, fc.constantFrom("", "/details", "/prescriptions", "/referrals/refer", "/summary-care-record")).map(
        ([patientRef, tail]) =>
          () =>
            expectHandled(request, "GET", `/patient/${encode(patientRef)}${tail}`),
      ),
    ],
    ["GET /.well-known/jwks.json", queryValue.map((query) => () => expectHandled(request, "GET", `/.well-known/jwks.json?${encode(query)}`))],
  ];
  for (const [name, arbitrary] of routes) {
    await fc
      .assert(
        fc.asyncProperty(arbitrary, async (run) => run()),
        { numRuns: RUNS_PER_ROUTE, endOnFailure: true, examples: [] },
      )
      .catch((error: Error) => {
        throw new Error(`${name}: ${error.message}`);
      });
  }
});

test("a server action (search by NHS number) answers generated input with its own messages, never a server error", async ({ page }) => {
  await signInAsGp(page);
  const actionPost = page.waitForRequest((candidate) => candidate.method() === "POST" && Boolean(candidate.headers()["next-action"]));
  await page.getByLabel("NHS number").fill("FUZZ-TARGET");
  await page.getByRole("button", { name: "Search" }).click();
  const original = await actionPost;
  await expect(page.getByTestId("error-summary")).toBeVisible();
  const envelope = original.postData() ?? "";
  expect(envelope).toContain("FUZZ-TARGET");
  const headers: Record<string, string> = { ...original.headers(), origin: APP_ORIGIN };
  // the user's field changes; the framework's own envelope around it stays as the browser sent it
  const boundary = /boundary=(\S+)/.exec(headers["content-type"] ?? "")?.[1] ?? "";
  await fc.assert(
    fc.asyncProperty(
      fc.string({ unit: "grapheme", maxLength: 60 }).filter((value) => !boundary || !value.includes(boundary)),
      async (typed) => {
        const response = await page.request.post(original.url(), {
          headers,
          data: envelope.replace("FUZZ-TARGET", typed),
          maxRedirects: 0,
          failOnStatusCode: false,
        });
        expect(response.status()).toBeLessThan(500);
        expect(await response.text()).not.toMatch(STACK_TRACE);
      },
    ),
    { numRuns: RUNS_PER_ROUTE },
  );
});
