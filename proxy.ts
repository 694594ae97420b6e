import { NextResponse, type NextRequest } from "next/server";
import { REQUESTED_PATH_HEADER } from "@/lib/access/requested-path-header";
import { contentSecurityPolicy, newNonce } from "@/lib/security/csp";
import { problemResponse } from "@/lib/http/problem";

import { getConfig } from "@/lib/config/cached";
import { RETRY_AFTER_HEADER, takeAllowanceForCookies } from "@/lib/features/rate-limit/allowance";
import { allowanceForPath, isSignedInPath, paths } from "@/lib/routes";

const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];

/**
 * Every page: a fresh CSP nonce, which Next puts on its scripts. Signed-in pages: a first gate on
 * the session cookie (each page still checks the server-side session itself, which is what counts)
 * and no-store, since they can carry patient data. Pages with a per-user allowance (search results, the
 * Summary Care Record) take one here, and beyond it get the too-many-requests page with a real 429.
 */
export async function proxy(request: NextRequest) {
  const path = request.nextUrl.pathname;
  if (request.method !== "GET" && request.method !== "HEAD" && crossSite(request)) {
    // before Next sees it: a forged form post or server action gets a plain refusal, not an error page
    return problemResponse(403, "Cross-site request refused");
  }
  const signedIn = isSignedInPath(path);
  if (signedIn && !SESSION_COOKIES.some((name) => request.cookies.has(name))) {
    return NextResponse.redirect(new URL("/", request.url));
  }
  const nonce = newNonce();
  const policy = contentSecurityPolicy(nonce, {
    development: process.env.NODE_ENV === "development",
    secure: request.nextUrl.protocol === "https:",
    signOutOrigin: cis2Origin(),
  });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", policy);
  // layouts are not told which page they frame; this lets one refuse a tab before it streams
  requestHeaders.set(REQUESTED_PATH_HEADER, path);
  const allowance = request.method === "GET" || request.method === "HEAD" ? allowanceForPath(path) : null;
  const taken = allowance ? await takeAllowanceForCookies(request.cookies, allowance) : { allowed: true as const };
  if (!taken.allowed) requestHeaders.set(RETRY_AFTER_HEADER, String(taken.retryAfterSeconds));
  const response = taken.allowed
    ? NextResponse.next({ request: { headers: requestHeaders } })
    : NextResponse.rewrite(new URL(paths.tooManyRequests(), request.url), {
        status: 429,
        headers: { "retry-after": String(taken.retryAfterSeconds) },
        request: { headers: requestHeaders },
      });
  response.headers.set("content-security-policy", policy);
  if (signedIn) response.headers.set("cache-control", "no-store, max-age=0");
  return response;
}

/** Where sign-out's form post is redirected to: CIS2, whose end-session endpoint is on its issuer's host. */
function cis2Origin(): string {
  return new URL(getConfig().CIS2_ISSUER).origin;
}

/** A state-changing request whose Origin is another site (or "null" without the browser vouching it is same-origin). */
function crossSite(request: NextRequest): boolean {
  const origin = request.headers.get("origin");
  if (!origin) return false;
  if (origin === "null") return request.headers.get("sec-fetch-site") !== "same-origin";
  return origin !== new URL(process.env.APP_BASE_URL ?? request.nextUrl.origin).origin;
}

export const config = {
  // not static files: they carry no script to protect, and skipping them keeps them fast
  matcher: [{ source: "/((?!_next/static|_next/image|nhsuk/|assets/|favicon.ico|.well-known/).*)" }],
};
