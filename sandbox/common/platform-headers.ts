import type { FastifyReply, FastifyRequest } from "fastify";
import { sendOutcome } from "./fhir";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The API platform mirrors the request and correlation IDs on every response. */
export function mirrorRequestIds(request: FastifyRequest, reply: FastifyReply) {
  const requestId = request.headers["x-request-id"];
  const correlationId = request.headers["x-correlation-id"];
  if (typeof requestId === "string") reply.header("x-request-id", requestId);
  if (typeof correlationId === "string") reply.header("x-correlation-id", correlationId);
}

/** How PDS answers a request whose platform headers are wrong. */
const PDS_HEADER_REFUSALS = {
  missingRequestId: { status: 400, issueCode: "required", errorCode: "MISSING_VALUE", display: "Required value is missing" },
  invalidRequestId: { status: 400, issueCode: "value", errorCode: "INVALID_VALUE", display: "Provided value is invalid" },
  unauthorised: { status: 401, issueCode: "forbidden", errorCode: "ACCESS_DENIED", display: "Access Denied - Unauthorised" },
} as const;

/**
 * The first thing wrong with the headers, in the order PDS's sandbox checks them: X-Request-ID present,
 * then a UUID, then any Authorization header well formed. Undefined when nothing is.
 */
function pdsHeaderProblem(request: FastifyRequest): [refusal: keyof typeof PDS_HEADER_REFUSALS, diagnostics: string] | undefined {
  const requestId = request.headers["x-request-id"];
  if (typeof requestId !== "string" || requestId.length === 0) {
    return ["missingRequestId", "Invalid request with error - X-Request-ID header must be supplied to access this resource"];
  }
  if (!UUID.test(requestId)) return ["invalidRequestId", `Invalid value - '${requestId.slice(0, 100)}' in header 'X-Request-ID'`];
  const authorization = request.headers.authorization;
  if (authorization === undefined) return undefined;
  const token = /^Bearer (\S+)$/.exec(authorization)?.[1];
  if (token === undefined) return ["unauthorised", "Missing access token"];
  if (!/^[A-Za-z0-9]+(_[A-Za-z0-9]+)?$/.test(token)) return ["unauthorised", "Invalid Access Token"];
  return undefined;
}

/** PDS's header checks: answers and returns true when the request is refused. */
export async function refuseBadPdsHeaders(request: FastifyRequest, reply: FastifyReply): Promise<boolean> {
  const problem = pdsHeaderProblem(request);
  if (!problem) return false;
  const [refusal, diagnostics] = problem;
  const { status, ...outcome } = PDS_HEADER_REFUSALS[refusal];
  await sendOutcome(reply, status, { ...outcome, diagnostics });
  return true;
}
