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

/**
 * PDS's header checks, in the order its sandbox applies them: X-Request-ID present, then a UUID,
 * then any Authorization header well formed. Answers and returns true when the request is refused.
 */
export async function refuseBadPdsHeaders(request: FastifyRequest, reply: FastifyReply): Promise<boolean> {
  const requestId = request.headers["x-request-id"];
  if (typeof requestId !== "string" || requestId.length === 0) {
    await sendOutcome(reply, 400, {
      issueCode: "required",
      errorCode: "MISSING_VALUE",
      display: "Required value is missing",
      diagnostics: "Invalid request with error - X-Request-ID header must be supplied to access this resource",
    });
    return true;
  }
  if (!UUID.test(requestId)) {
    await sendOutcome(reply, 400, {
      issueCode: "value",
      errorCode: "INVALID_VALUE",
      display: "Provided value is invalid",
      diagnostics: `Invalid value - '${requestId.slice(0, 100)}' in header 'X-Request-ID'`,
    });
    return true;
  }
  const authorization = request.headers.authorization;
  if (authorization !== undefined) {
    const match = /^Bearer (\S+)$/.exec(authorization);
    if (!match) {
      await sendOutcome(reply, 401, {
        issueCode: "forbidden",
        errorCode: "ACCESS_DENIED",
        display: "Access Denied - Unauthorised",
        diagnostics: "Missing access token",
      });
      return true;
    }
    if (!/^[A-Za-z0-9]+(_[A-Za-z0-9]+)?$/.test(match[1])) {
      await sendOutcome(reply, 401, {
        issueCode: "forbidden",
        errorCode: "ACCESS_DENIED",
        display: "Access Denied - Unauthorised",
        diagnostics: "Invalid Access Token",
      });
      return true;
    }
  }
  return false;
}
