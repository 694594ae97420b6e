import "server-only";
import { getConfig } from "@/lib/config";
import { logger } from "@/lib/log";
import { services } from "./services";

export type Readiness = { ready: true } | { ready: false; failing: Array<"configuration" | "sessions" | "audit"> };

/**
 * Whether this instance can serve: its configuration loaded and its stores answer. Never the NHS APIs: an NHS
 * outage must not take every instance out of the load balancer, since each page says what it could not get.
 */
export async function readiness(): Promise<Readiness> {
  try {
    getConfig();
  } catch {
    return { ready: false, failing: ["configuration"] };
  }
  const checks = await Promise.allSettled([services().sessions.ping(), services().audit.ping()]);
  const failing = (["sessions", "audit"] as const).filter((_, index) => checks[index]!.status === "rejected");
  if (failing.length) logger.error({ event: "not-ready", failing }, "a store does not answer");
  return failing.length ? { ready: false, failing: [...failing] } : { ready: true };
}
