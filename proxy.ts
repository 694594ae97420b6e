import { NextResponse, type NextRequest } from "next/server";

const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];

/**
 * First gate only: a request for a signed-in page without a session cookie goes to the start page.
 * Each page still checks the server-side session itself, which is what counts.
 */
export function proxy(request: NextRequest) {
  const hasSessionCookie = SESSION_COOKIES.some((name) => request.cookies.has(name));
  if (!hasSessionCookie) {
    return NextResponse.redirect(new URL("/", request.url));
  }
  const response = NextResponse.next();
  response.headers.set("Cache-Control", "no-store, max-age=0");
  return response;
}

export const config = {
  matcher: ["/continue", "/select-role", "/find-patient/:path*", "/patient/:path*", "/audit"],
};
