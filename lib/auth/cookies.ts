import { getConfig } from "@/lib/config";

/**
 * How to clear a cookie so the browser really drops it: a `__Secure-` or `__Host-` cookie (next-auth's names
 * over https) is only accepted, and so only replaced, with `Secure`; and over https every cookie is sent so.
 */
export function clearingOptions(name: string) {
  const secure = name.startsWith("__Secure-") || name.startsWith("__Host-") || getConfig().APP_BASE_URL.startsWith("https:");
  return { path: "/", maxAge: 0, httpOnly: true, sameSite: "lax" as const, secure };
}

/** The same, as a Set-Cookie header value. */
export function clearingHeader(name: string): string {
  return `${name}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax${clearingOptions(name).secure ? "; Secure" : ""}`;
}

interface CookieJar {
  getAll(): Array<{ name: string }>;
  set(name: string, value: string, options: ReturnType<typeof clearingOptions>): unknown;
}

/** Clears every next-auth cookie the request carries (session, CSRF, callback URL, PKCE, state). */
export function clearAuthCookies(jar: CookieJar) {
  for (const cookie of jar.getAll()) if (cookie.name.includes("next-auth.")) jar.set(cookie.name, "", clearingOptions(cookie.name));
}
