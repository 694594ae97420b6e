import { hkdfSync } from "node:crypto";
import { jwtDecrypt } from "jose";

/** next-auth's session cookie: `__Secure-` prefixed when the app is served over https. */
export function sessionCookieName(appBaseUrl: string): string {
  return `${appBaseUrl.startsWith("https://") ? "__Secure-" : ""}next-auth.session-token`;
}

const derivedKeys = new Map<string, Uint8Array>();

/**
 * The key next-auth (v4) encrypts its session cookie with (dir, A256GCM): HKDF-SHA256 of the secret with
 * next-auth's own label. Derived once per secret rather than on every request, as next-auth's decode does.
 */
function sessionCookieKey(secret: string): Uint8Array {
  let key = derivedKeys.get(secret);
  if (!key) {
    key = new Uint8Array(hkdfSync("sha256", secret, "", "NextAuth.js Generated Encryption Key", 32));
    derivedKeys.set(secret, key);
  }
  return key;
}

/** What the session cookie carries: the server session's id and, for sessions begun since it was added, the user's. */
export interface SessionCookieClaims {
  sid: string;
  uid: string | null;
}

/** A tampered, expired or foreign cookie does not decrypt: null, as if signed out. */
export async function readSessionCookie(value: string, secret: string): Promise<SessionCookieClaims | null> {
  try {
    const { payload } = await jwtDecrypt(value, sessionCookieKey(secret), { clockTolerance: 15 });
    if (typeof payload.sid !== "string") return null;
    return { sid: payload.sid, uid: typeof payload.uid === "string" ? payload.uid : null };
  } catch {
    return null;
  }
}
