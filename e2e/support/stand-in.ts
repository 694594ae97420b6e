import type { APIRequestContext } from "@playwright/test";
import type { z } from "zod";
import type { faultSchema } from "../../sandbox/common/faults";
import type { LoggedRequest } from "../../sandbox/common/request-log";
import { ownServers } from "./servers";

/** This worker's stand-in. */
export const SANDBOX_URL = ownServers().sandboxOrigin;

export async function injectFault(request: APIRequestContext, fault: z.input<typeof faultSchema>) {
  const response = await request.post(`${SANDBOX_URL}/_stand-in/faults`, { data: fault });
  if (!response.ok()) throw new Error(`could not set fault: ${response.status()}`);
}

export async function clearFaults(request: APIRequestContext) {
  await request.delete(`${SANDBOX_URL}/_stand-in/faults`);
}

export async function clearRequestLog(request: APIRequestContext) {
  await request.delete(`${SANDBOX_URL}/_stand-in/requests`);
}

export async function requestsTo(request: APIRequestContext, routePrefix: string): Promise<LoggedRequest[]> {
  const response = await request.get(`${SANDBOX_URL}/_stand-in/requests`);
  const { requests } = (await response.json()) as { requests: LoggedRequest[] };
  return requests.filter((entry) => entry.route.startsWith(routePrefix));
}
