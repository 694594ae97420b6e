import "server-only";
import { z } from "zod";
import { getConfig } from "@/lib/config";
import { withDeadline } from "@/lib/nhs/transport/deadline";
import { outsideRequest } from "@/lib/nhs/transport/outside-request";

const discoverySchema = z.object({
  issuer: z.string(),
  end_session_endpoint: z.url().optional(),
});

/**
 * CIS2's end-session endpoint from its discovery document, or null when CIS2 cannot be reached. Read at each
 * sign-out, never cached: it is also the check that CIS2 answers, so that a browser is not sent to a CIS2 that
 * is down (an error page from CIS2's host, where the signed-out page belongs).
 */
export async function cis2EndSessionEndpoint(): Promise<string | null> {
  try {
    const issuer = getConfig().CIS2_ISSUER;
    const discovery = await outsideRequest(() =>
      withDeadline(3000, async (signal) => {
        const response = await fetch(`${issuer}/.well-known/openid-configuration`, { signal, cache: "no-store" });
        return response.ok ? discoverySchema.parse(await response.json()) : null;
      }),
    );
    return discovery?.end_session_endpoint ?? null;
  } catch {
    return null;
  }
}
