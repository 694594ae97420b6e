import type { FastifyReply, FastifyRequest } from "fastify";
import type { StandInApi } from "../common/apis";
import { sendOutcome } from "../common/fhir";
import type { TokenKind, TokenStore } from "./tokens";

/**
 * What each API demands in the integration environment: an access token of the kinds it accepts,
 * or an API key. In sandbox mode nothing is demanded, as on the NHS sandbox.
 */
export const API_CREDENTIALS: Record<
  Exclude<StandInApi, "cis2" | "identity" | "terminology-auth" | "mesh">,
  { tokens: TokenKind[] } | { apiKey: true } | { platform: false }
> = {
  pds: { tokens: ["user-restricted-cis2", "application-restricted"] },
  scr: { tokens: ["user-restricted-cis2", "application-restricted"] },
  eps: { tokens: ["user-restricted-cis2"] },
  ers: { tokens: ["user-restricted-cis2", "application-restricted"] },
  bars: { tokens: ["application-restricted"] },
  immunisation: { tokens: ["application-restricted"] },
  nrl: { tokens: ["application-restricted"] },
  "service-search": { apiKey: true },
  ods: { apiKey: true },
  sds: { apiKey: true },
  // the SSP authorises by mutual TLS, which the stand-in does not model; its own checks are the Ssp-* headers and the JWT
  gpconnect: { platform: false },
  terminology: { tokens: ["terminology-system"] },
  "website-content": { apiKey: true },
  "nhs-app": { tokens: ["application-restricted"] },
};

export type StandInMode = "sandbox" | "integration";

/** Answers and returns true when the request lacks the credential its API demands. */
export async function refuseWithoutCredential(
  api: StandInApi,
  request: FastifyRequest,
  reply: FastifyReply,
  context: { tokens: TokenStore; apiKeys: Set<string> },
): Promise<boolean> {
  // MESH checks its own NHSMESH header in every mode (sandbox/mesh/)
  if (api === "cis2" || api === "identity" || api === "terminology-auth" || api === "mesh") return false;
  const demand = API_CREDENTIALS[api];
  const denied = async (status: 401 | 403, diagnostics: string) => {
    await sendOutcome(reply, status, {
      issueCode: "forbidden",
      errorCode: "ACCESS_DENIED",
      display: status === 401 ? "Access Denied - Unauthorised" : "Access denied",
      diagnostics,
      system: "https://fhir.nhs.uk/CodeSystem/NHSD-API-ErrorOrWarningCode",
    });
    return true;
  };

  if ("platform" in demand) return false;
  if ("apiKey" in demand) {
    const apiKey = request.headers.apikey;
    if (typeof apiKey !== "string" || !context.apiKeys.has(apiKey)) return denied(401, "Invalid ApiKey");
    return false;
  }
  const match = /^Bearer (\S+)$/.exec(request.headers.authorization ?? "");
  if (!match) return denied(401, "Missing access token");
  const token = context.tokens.lookUp(match[1]);
  if (!token) return denied(401, "Invalid access token");
  if (!demand.tokens.includes(token.kind)) {
    return denied(403, `This API does not accept ${token.kind} access tokens`);
  }
  return false;
}
