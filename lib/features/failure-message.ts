import * as content from "@/lib/content";
import { formatTime } from "@/lib/format";
import type { NhsFailure } from "../nhs/transport/client";

export interface FailureMessage {
  heading: string;
  body: string;
  /** The upstream's own error code, when it gave one, for the service desk. */
  upstreamCode?: string;
  /** The X-Request-ID of the call, which the NHS platform logs too. */
  reference: string;
}

function bodyForStatus(status: number): string {
  if (status === 429) return content.upstream.rateLimited;
  if (status === 401 || status === 403) return content.upstream.notAuthorised;
  if (status === 503) return content.upstream.unavailable;
  if (status === 504 || status === 408) return content.upstream.timeout;
  if (status >= 500) return content.upstream.serverError;
  return content.upstream.refused;
}

/** A plain-English account of an upstream failure that a clinician can act on and quote. */
export function describeFailure(failure: NhsFailure): FailureMessage {
  const heading = content.upstream.failureHeading(content.apiNames[failure.api]);
  const reference = failure.requestId;
  switch (failure.kind) {
    case "timeout":
      return { heading, body: content.upstream.timeout, reference };
    case "network-error":
      return { heading, body: content.upstream.networkError, reference };
    case "invalid-response":
      return { heading, body: content.upstream.invalidResponse, reference };
    case "http-error":
      return { heading, body: bodyForStatus(failure.status), upstreamCode: `HTTP ${failure.status}`, reference };
    case "operation-outcome":
      return { heading, body: bodyForStatus(failure.status), upstreamCode: failure.outcome.code, reference };
    case "circuit-open":
      return { heading, body: content.upstream.circuitOpen(formatTime(failure.retryAt)), reference };
    case "auth-failed":
      return {
        heading,
        body: content.upstream.notAuthorisedByPlatform(failure.failure.description),
        upstreamCode: failure.failure.error,
        // the platform logs its message id; without one, the request id still names this attempt
        reference: failure.failure.messageId ?? reference,
      };
    default: {
      const unhandled: never = failure;
      return unhandled;
    }
  }
}
