import { describe, expect, it } from "vitest";
import { idleSecondsRemaining, isIdleExpired } from "./idle";

describe("inactivity timeout", () => {
  const lastSeen = Date.parse("2026-11-21T10:00:00Z");
  it("counts down from the last activity", () => {
    expect(idleSecondsRemaining(lastSeen, 15, Date.parse("2026-11-21T10:00:00Z"))).toBe(900);
    expect(idleSecondsRemaining(lastSeen, 15, Date.parse("2026-11-21T10:13:00Z"))).toBe(120);
    expect(isIdleExpired(lastSeen, 15, Date.parse("2026-11-21T10:14:59Z"))).toBe(false);
  });
  it("expires at the timeout and stays expired", () => {
    expect(isIdleExpired(lastSeen, 15, Date.parse("2026-11-21T10:15:00Z"))).toBe(true);
    expect(idleSecondsRemaining(lastSeen, 15, Date.parse("2026-11-21T11:00:00Z"))).toBe(0);
  });
});
