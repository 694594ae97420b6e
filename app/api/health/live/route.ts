/** Liveness: the process answers. Nothing else is checked, so a load balancer never restarts it over a database. */
export function GET() {
  return Response.json({ status: "live" }, { headers: { "cache-control": "no-store" } });
}
