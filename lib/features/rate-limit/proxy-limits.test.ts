import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { searchByNhsNumberAction } from "@/app/find-patient/actions";
import { inRequest } from "@/tests/next-request-scope";
import { logger } from "@/lib/log";
import { fixture, newSession, sessionCookie, startHarness, stopHarness, TEST_NHS_NUMBERS } from "@/tests/handler-harness";
import { services } from "@/lib/server/services";
import { proxy } from "@/proxy";

vi.mock("next/headers", async () => (await import("@/tests/next-request-scope")).nextHeaders);

const PER_MINUTE = 3;

beforeAll(async () => {
  vi.stubEnv("RATE_LIMIT_SCR_PER_MINUTE", String(PER_MINUTE));
  vi.stubEnv("RATE_LIMIT_SEARCHES_PER_MINUTE", String(PER_MINUTE));
  await startHarness();
}, 60_000);
afterAll(() => stopHarness("Per-user rate limits in the proxy"));

/** A signed-in user of their own, so that each test starts with a full allowance. */
async function freshUser(username = "656005750104", uid = `${username}-${crypto.randomUUID().slice(0, 8)}`) {
  const session = newSession(username, "656014452101");
  session.user = { ...session.user, uid };
  await services().sessions.create(session);
  return `next-auth.session-token=${await sessionCookie(session.id)}`;
}

function search(cookie: string, nhsNumber: string) {
  const form = new FormData();
  form.set("nhsNumber", nhsNumber);
  const [name, value] = cookie.split("=", 2) as [string, string];
  return inRequest({ cookies: { [name]: value } }, () => searchByNhsNumberAction({ status: "idle" }, form).catch((thrown: unknown) => ({ thrown })));
}

function get(path: string, cookie: string, method = "GET") {
  return proxy(new NextRequest(`http://localhost:3000${path}`, { method, headers: { cookie, origin: "http://localhost:3000" } }));
}

const scrPage = () => `/patient/${fixture.patientRef}/summary-care-record`;

describe("per-user rate limits on search and the Summary Care Record (issue 18 item 14)", () => {
  it("lets a user open the SCR a minute's worth of times, then answers 429 with the wait and the page saying so", async () => {
    const cookie = await freshUser();
    for (let request = 0; request < PER_MINUTE; request += 1) {
      const allowed = await get(scrPage(), cookie);
      expect(allowed.status).toBe(200);
      expect(allowed.headers.get("x-middleware-rewrite")).toBeNull();
    }
    const refused = await get(`${scrPage()}/print`, cookie);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(refused.headers.get("x-middleware-rewrite")).toContain("/too-many-requests");
    expect(refused.headers.get("cache-control")).toContain("no-store");
  });

  it("limits each user on their own, and each allowance on its own", async () => {
    const runaway = await freshUser();
    for (let request = 0; request <= PER_MINUTE; request += 1) await get(scrPage(), runaway);
    expect((await get(scrPage(), runaway)).status).toBe(429);
    expect((await get("/find-patient/results", runaway)).status).toBe(200);
    expect((await get(scrPage(), await freshUser("656005750112"))).status).toBe(200);
  });

  it("counts every session of one user together: signing in again does not reset it", async () => {
    const uid = `656005750104-${crypto.randomUUID().slice(0, 8)}`;
    const first = await freshUser("656005750104", uid);
    const second = await freshUser("656005750104", uid);
    for (let request = 0; request < PER_MINUTE; request += 1) expect((await get("/find-patient/results", first)).status).toBe(200);
    expect((await get("/find-patient/results", second)).status).toBe(429);
  });

  it("a search by NHS number beyond the allowance says how long to wait, and PDS is not asked", async () => {
    const cookie = await freshUser();
    for (let request = 0; request < PER_MINUTE; request += 1) await search(cookie, "9000000009");
    const pdsRead = vi.spyOn(services().pds, "retrievePatient");
    const { result } = await search(cookie, "9000000009");
    expect(result).toMatchObject({ status: "rate-limited", value: "9000000009" });
    expect((result as { message: string }).message).toMatch(/^You have searched too many times in a short time\. Wait \d+ seconds?, then try again\.$/);
    expect(pdsRead).not.toHaveBeenCalled();
    pdsRead.mockRestore();
  });

  it("does not count pages without an allowance, or anything but a page load", async () => {
    const cookie = await freshUser();
    for (let request = 0; request < PER_MINUTE * 2; request += 1) expect((await get(`/patient/${fixture.patientRef}/prescriptions`, cookie)).status).toBe(200);
    for (let request = 0; request < PER_MINUTE * 2; request += 1) await get(scrPage(), cookie, "POST");
    expect((await get(scrPage(), cookie)).status).toBe(200);
  });

  it("logs the refusal with who and what, never a patient", async () => {
    const logged = vi.spyOn(logger, "warn");
    const cookie = await freshUser();
    for (let request = 0; request <= PER_MINUTE; request += 1) await get(scrPage(), cookie);
    const refusals = logged.mock.calls.filter(([fields]) => (fields as { event?: string }).event === "refused");
    expect(refusals.length).toBeGreaterThan(0);
    expect(refusals[0]![0]).toMatchObject({ status: 429, allowance: "scr" });
    const text = JSON.stringify(refusals);
    for (const nhsNumber of TEST_NHS_NUMBERS) expect(text).not.toContain(nhsNumber);
    expect(text).not.toContain(fixture.patientRef);
  });
});
