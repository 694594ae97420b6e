import NextAuth from "next-auth";
import { cookies } from "next/headers";
import { authOptions } from "@/lib/auth/options";
import { getConfig } from "@/lib/config";
import { problemResponse } from "@/lib/http/problem";
import { clearingHeader } from "@/lib/auth/cookies";

type RouteContext = { params: Promise<{ nextauth?: string[] }> };

const CALLBACK_URL_COOKIES = ["next-auth.callback-url", "__Secure-next-auth.callback-url"];
const problem = (status: number, title: string, detail: string, headers: Record<string, string> = {}) => problemResponse(status, title, { detail }, headers);

/** What next-auth accepts as a callback URL; anything else it treats as its own misconfiguration (a 500). */
function isHttpUrl(value: string) {
  try {
    return /^https?:$/.test(new URL(value, value.startsWith("/") ? getConfig().APP_BASE_URL : undefined).protocol);
  } catch {
    return false;
  }
}

/**
 * Requests next-auth would answer with "a problem with the server configuration" (500), or fail on,
 * although the fault is in the request: no action named, a callback URL that is not a URL, an error
 * code that cannot go in a header. Refused here instead.
 */
async function refusal(request: Request, segments: string[] | undefined) {
  if (!segments?.[0]) return problem(404, "Not found", "No sign-in action was named.");
  // next-auth's browser-side logger posts here; the app does not use it, so nobody may write to its logs this way
  if (segments[0] === "_log") return problem(404, "Not found", "This sign-in action is not offered.");
  const query = new URL(request.url).searchParams;
  // next-auth copies `error` into a Location header as it is; a header cannot carry other characters
  if (!/^[\x21-\x7e]*$/.test(query.get("error") ?? "")) return problem(400, "This sign-in link is not valid", "Its error code is not one next-auth gives.");
  const callbackUrl = query.get("callbackUrl");
  if (callbackUrl !== null && callbackUrl !== "" && !isHttpUrl(callbackUrl))
    return problem(400, "This sign-in link is not valid", "Its callbackUrl is not a web address.");
  const cookieStore = await cookies();
  const badCookie = CALLBACK_URL_COOKIES.find((name) => {
    const value = cookieStore.get(name)?.value;
    return value !== undefined && value !== "" && !isHttpUrl(value);
  });
  if (badCookie)
    return problem(400, "Sign in again", "A saved sign-in return address was not valid and has been cleared.", {
      "set-cookie": clearingHeader(badCookie),
    });
  return null;
}

/**
 * next-auth refuses a request it does not handle in plain text; the app's refusals are problem bodies,
 * with next-auth's own reason as the detail (it names only the action and method it was asked for).
 */
async function handler(request: Request, context: RouteContext) {
  const params = await context.params;
  const refused = await refusal(request, params.nextauth);
  if (refused) return refused;
  const response: Response = await NextAuth(request as never, { params } as never, authOptions());
  if (response.status < 400 || response.headers.get("content-type")?.includes("json")) return response;
  const detail = (await response.text()).replace(/^Error:\s*/, "").slice(0, 200);
  return problem(response.status, "This sign-in request is not supported", detail);
}

export { handler as GET, handler as POST };
