import { encode } from "next-auth/jwt";
import { afterEach, describe, expect, it, vi } from "vitest";
import { readSessionCookie } from "./session-cookie";

const SECRET = "a-session-secret-of-at-least-thirty-two-characters";

afterEach(() => {
  vi.useRealTimers();
});

describe("reading next-auth's session cookie", () => {
  it("gives the session and user ids of a cookie next-auth made, as often as it is sent", async () => {
    const cookie = await encode({ token: { sid: "session-1", uid: "user-1" }, secret: SECRET, maxAge: 60 });
    expect(await readSessionCookie(cookie, SECRET)).toEqual({ sid: "session-1", uid: "user-1" });
    expect(await readSessionCookie(cookie, SECRET)).toEqual({ sid: "session-1", uid: "user-1" });
  });

  it("refuses a tampered cookie, and a cookie under another secret even after it was read under its own", async () => {
    const cookie = await encode({ token: { sid: "session-2" }, secret: SECRET, maxAge: 60 });
    expect(await readSessionCookie(cookie, SECRET)).toEqual({ sid: "session-2", uid: null });
    const flipAt = cookie.length - 10;
    const tampered = cookie.slice(0, flipAt) + (cookie[flipAt] === "A" ? "B" : "A") + cookie.slice(flipAt + 1);
    expect(await readSessionCookie(tampered, SECRET)).toBeNull();
    expect(await readSessionCookie(cookie, `${SECRET}-rotated`)).toBeNull();
  });

  it("refuses a cookie once it has expired, though it was read while it was valid", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const cookie = await encode({ token: { sid: "session-3", uid: "user-3" }, secret: SECRET, maxAge: 60 });
    expect(await readSessionCookie(cookie, SECRET)).toEqual({ sid: "session-3", uid: "user-3" });
    vi.setSystemTime(Date.now() + 60_000 + 14_000);
    expect(await readSessionCookie(cookie, SECRET)).not.toBeNull();
    vi.setSystemTime(Date.now() + 2_000);
    expect(await readSessionCookie(cookie, SECRET)).toBeNull();
  });
});
