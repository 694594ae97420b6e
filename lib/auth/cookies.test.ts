import { afterEach, describe, expect, it, vi } from "vitest";
import { clearAuthCookies, clearingHeader } from "./cookies";

vi.mock("@/lib/config", () => ({ getConfig: () => ({ APP_BASE_URL: process.env.TEST_APP_BASE_URL ?? "http://localhost:3000" }) }));

afterEach(() => {
  delete process.env.TEST_APP_BASE_URL;
});

function jar(names: string[]) {
  const set: Array<{ name: string; value: string; secure: boolean; maxAge: number }> = [];
  return {
    set,
    store: {
      getAll: () => names.map((name) => ({ name })),
      set: (name: string, value: string, options: { secure: boolean; maxAge: number }) => set.push({ name, value, ...options }),
    },
  };
}

describe("clearing cookies so the browser drops them (issue 18 item 10)", () => {
  it("a __Secure- or __Host- cookie is cleared with Secure, or the browser keeps it", () => {
    const { set, store } = jar(["__Secure-next-auth.session-token", "__Host-next-auth.csrf-token", "next-auth.state", "other"]);
    clearAuthCookies(store);
    expect(set).toEqual([
      expect.objectContaining({ name: "__Secure-next-auth.session-token", value: "", maxAge: 0, secure: true }),
      expect.objectContaining({ name: "__Host-next-auth.csrf-token", value: "", maxAge: 0, secure: true }),
      expect.objectContaining({ name: "next-auth.state", value: "", maxAge: 0, secure: false }),
    ]);
  });

  it("over https every cookie is cleared with Secure", () => {
    process.env.TEST_APP_BASE_URL = "https://care-record-viewer.example.nhs.uk";
    const { set, store } = jar(["next-auth.callback-url"]);
    clearAuthCookies(store);
    expect(set[0]).toMatchObject({ secure: true });
  });

  it("the refused callback-url cookie's Set-Cookie carries Secure when its name demands it", () => {
    expect(clearingHeader("__Secure-next-auth.callback-url")).toBe("__Secure-next-auth.callback-url=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax; Secure");
    expect(clearingHeader("next-auth.callback-url")).toBe("next-auth.callback-url=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax");
  });
});
