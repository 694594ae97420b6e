import "server-only";
import { z } from "zod";
import { getConfig } from "@/lib/config";

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
    const response = await fetch(`${getConfig().CIS2_ISSUER}/.well-known/openid-configuration`, {
      signal: AbortSignal.timeout(3000),
      cache: "no-store",
    });
    if (!response.ok) return null;
    const discovery = discoverySchema.parse(await response.json());
    cached = { endSessionEndpoint: discovery.end_session_endpoint ?? null, fetchedAt: Date.now() };
    return cached.endSessionEndpoint;
  } catch {
    return null;
  }
}
