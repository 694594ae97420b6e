import { peekSession } from "@/lib/auth/session";
import { sessionStatus, signedOutProblem } from "@/lib/auth/session-api";

/** How long until the session times out. Asking does not count as activity. */
export async function GET() {
  const session = await peekSession();
  return session ? sessionStatus(session) : signedOutProblem();
}
