import { problemResponse } from "@/lib/http/problem";
import { readiness } from "@/lib/server/readiness";

/** Readiness, for the load balancer: 200 when this instance's configuration and stores are usable, else 503. */
export async function GET() {
  const state = await readiness();
  if (state.ready) return Response.json({ status: "ready" }, { headers: { "cache-control": "no-store" } });
  return problemResponse(503, "Not ready", { failing: state.failing });
}
