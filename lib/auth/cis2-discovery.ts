import "server-only";
import { z } from "zod";
import { getConfig } from "@/lib/config";
import { withDeadline } from "@/lib/nhs/transport/deadline";
import { outsideRequest } from "@/lib/nhs/transport/outside-request";

const discoverySchema = z.object({
  issuer: z.string(),
  end_session_endpoint: z.url().optional(),
});

let cached: { endSessionEndpoint: string | null; fetchedAt: number } | undefined;
const CACHE_MILLISECONDS = 5 * 60 * 1000;

/** CIS2's end-session endpoint from its discovery document, or null when CIS2 cannot be reached. */
export async function cis2EndSessionEndpoint(): Promise<string | null> {
  if (cached && Date.now() - cached.fetchedAt < CACHE_MILLISECONDS) return cached.endSessionEndpoint;
  try {
    const issuer = getConfig().CIS2_ISSUER;
    const discovery = await outsideRequest(() =>
      withDeadline(3000, async (signal) => {
        const response = await fetch(`${issuer}/.well-known/openid-configuration`, { signal, cache: "no-store" });
        return response.ok ? discoverySchema.parse(await response.json()) : null;
      }),
    );
    if (!discovery) return null;
    cached = { endSessionEndpoint: discovery.end_session_endpoint ?? null, fetchedAt: Date.now() };
    return cached.endSessionEndpoint;
  } catch {
    return null;
  }
}
