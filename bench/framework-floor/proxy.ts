import { NextResponse, type NextRequest } from "next/server";

/** As little as a proxy can do while still passing a request header on, as the app's does. */
export function proxy(request: NextRequest) {
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", crypto.randomUUID());
  return NextResponse.next({ request: { headers: requestHeaders } });
}
