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

const CLOCK_TOLERANCE_SECONDS = 15;
const OPENED_COOKIES_KEPT = 2_000;

interface OpenedCookie {
  secret: string;
  claims: SessionCookieClaims;
  /** The cookie's own expiry, seconds since the epoch. */
  exp: number;
}

/**
 * Cookies already decrypted, by their exact text: a browser sends the same cookie with every request, and
 * jose's decryption (WebCrypto) was a few per cent of the server's CPU per page and nearly a tenth of the fuzz
 * suites'. Only cookies that decrypted are kept (a flood of forged ones cannot fill it), each only until its
 * own expiry, and only for the secret that opened it. It holds a session id and a user id, never patient data.
 */
const opened = new Map<string, OpenedCookie>();

/** A tampered, expired or foreign cookie does not decrypt: null, as if signed out. */
export async function readSessionCookie(value: string, secret: string): Promise<SessionCookieClaims | null> {
  const known = opened.get(value);
  if (known && known.secret === secret && known.exp > Date.now() / 1000 - CLOCK_TOLERANCE_SECONDS) return known.claims;
  try {
    const { payload } = await jwtDecrypt(value, sessionCookieKey(secret), { clockTolerance: CLOCK_TOLERANCE_SECONDS });
    if (typeof payload.sid !== "string") return null;
    const claims = { sid: payload.sid, uid: typeof payload.uid === "string" ? payload.uid : null };
    // next-auth always sets exp; a cookie without one is read afresh every time rather than kept for ever
    if (typeof payload.exp === "number") {
      if (opened.size >= OPENED_COOKIES_KEPT) opened.delete(opened.keys().next().value!);
      opened.set(value, { secret, claims, exp: payload.exp });
    }
    return claims;
  } catch {
    return null;
  }
}
