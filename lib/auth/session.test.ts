import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.LOG_LEVEL = "silent";
});
vi.mock("next/headers", async () => (await import("@/tests/next-request-scope")).nextHeaders);

import { services } from "@/lib/server/services";
import { fixture, restore, SESSION_COOKIE, startHarness, stopHarness } from "@/tests/handler-harness";
import { inRequest } from "@/tests/next-request-scope";
import { ACTIVITY_RECORDED_EVERY_MS, lookUpSession } from "./session";

beforeAll(() => startHarness(), 60_000);
afterAll(() => stopHarness("Session look-up"));
afterEach(async () => {
  vi.restoreAllMocks();
  await restore("clinician");
});

const clinicianId = () => fixture.base.get("clinician")!.id;
const asClinician = () => inRequest({ cookies: { [SESSION_COOKIE]: fixture.cookies.get("clinician")! } }, () => lookUpSession());

describe("each page counts as activity, without a write per page (issue 19)", () => {
  it("a page just after the last one finds the session and writes nothing", async () => {
    const update = vi.spyOn(services().sessions, "update");
    const { result } = await asClinician();
    expect(result.kind).toBe("active");
    expect(update).not.toHaveBeenCalled();
  });

  it("a page once the recorded activity is older than that records it again", async () => {
    const stale = Date.now() - ACTIVITY_RECORDED_EVERY_MS - 1_000;
    await services().sessions.update(clinicianId(), (current) => ({ ...current, lastSeenAt: stale }));
    const { result } = await asClinician();
    expect(result.kind).toBe("active");
    const stored = await services().sessions.get(clinicianId());
    expect(stored!.lastSeenAt).toBeGreaterThan(stale + ACTIVITY_RECORDED_EVERY_MS);
  });

  it("a session idle past its limit is still ended, and its page finds no session", async () => {
    await restore("idle-expired");
    const { result } = await inRequest({ cookies: { [SESSION_COOKIE]: fixture.cookies.get("idle-expired")! } }, () => lookUpSession());
    expect(result.kind).toBe("idle-expired");
    expect(await services().sessions.get(fixture.base.get("idle-expired")!.id)).toBeNull();
  });
});
