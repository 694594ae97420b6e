import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.LOG_LEVEL = "silent";
});
vi.mock("next/headers", async () => (await import("@/tests/next-request-scope")).nextHeaders);
vi.mock("@/lib/auth/cis2-discovery", () => ({ cis2EndSessionEndpoint: vi.fn(async () => null) }));

import { POST } from "@/app/api/session/sign-out/route";
import { services } from "@/lib/server/services";
import { APP_ORIGIN, fixture, restore, startHarness, stopHarness } from "@/tests/handler-harness";
import { inRequest } from "@/tests/next-request-scope";

beforeAll(() => startHarness(), 60_000);
afterAll(() => stopHarness("Sign-out"));
afterEach(() => restore("clinician"));

describe("sign-out when CIS2 cannot be reached (issue 18 item 11)", () => {
  it("still ends the session and sends the browser, by a full page load, to the signed-out page that says so", async () => {
    const session = fixture.base.get("clinician")!;
    const { result: response, cookies } = await inRequest(
      { cookies: { "next-auth.session-token": fixture.cookies.get("clinician")!, "next-auth.csrf-token": "x" }, headers: { origin: APP_ORIGIN } },
      () => POST(new Request(`${APP_ORIGIN}/api/session/sign-out`, { method: "POST", headers: { origin: APP_ORIGIN } })),
    );
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`${APP_ORIGIN}/signed-out?cis2=unreachable`);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect([...cookies.keys()]).toEqual([]);
    expect(await services().sessions.get(session.id)).toBeNull();
  });
});
