import { AsyncLocalStorage } from "node:async_hooks";
import { statSync } from "node:fs";
import { join } from "node:path";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as live } from "@/app/api/health/live/route";
import { GET as ready } from "@/app/api/health/ready/route";
import { getConfig } from "@/lib/config";
import { captureStartContext } from "@/lib/nhs/transport/outside-request";
import { createServices, services } from "@/lib/server/services";
import { newSession, startHarness, stopHarness } from "@/tests/handler-harness";

beforeAll(() => startHarness(), 60_000);
afterAll(() => stopHarness("Health and housekeeping"));
afterEach(() => vi.restoreAllMocks());

describe("health checks for the load balancer (issue 17)", () => {
  it("live answers whenever the process does", async () => {
    const response = live();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "live" });
  });

  it("ready answers 200 when the configuration and both stores are usable", async () => {
    const response = await ready();
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
  });

  it("ready answers 503, naming the store, when a store does not answer; never because of an NHS API", async () => {
    vi.spyOn(services().audit, "ping").mockRejectedValue(new Error("disk gone"));
    const response = await ready();
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ title: "Not ready", failing: ["audit"] });
  });
});

describe("at rest (issue 17)", () => {
  it("the data folder and the databases are the service account's alone", () => {
    const dataDir = getConfig().dataDir;
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    for (const file of ["sessions.db", "audit.db"]) expect(statSync(join(dataDir, file)).mode & 0o777).toBe(0o600);
  });

  it("sessions that expired without a sign-out are purged, and live ones kept", async () => {
    const expired = { ...newSession("656005750104", null), expiresAt: Date.now() - 1000 };
    const live = newSession("656005750104", null);
    await services().sessions.create(expired);
    await services().sessions.create(live);
    expect(await services().sessions.purgeExpired()).toBeGreaterThanOrEqual(1);
    expect(await services().sessions.get(live.id)).not.toBeNull();
    expect(await services().sessions.get(expired.id, 0)).toBeNull();
  });
});

describe("housekeeping keeps nothing of the request that started it (H14)", () => {
  it("a page that first asks for the services can be collected once it ends", async () => {
    // as the server does at start-up (instrumentation-node.ts), before any request
    captureStartContext();
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    const pageState = new AsyncLocalStorage<{ page: string; rendered: string[] }>();
    const page = await (async () => {
      const state = { page: "patient record", rendered: ["what the page held"] };
      await pageState.run(state, async () => {
        createServices();
      });
      return new WeakRef(state);
    })();
    // a timer keeps the async context it was made in: the purge's, made in a page, kept that page for ever
    for (let attempt = 0; attempt < 10 && page.deref(); attempt++) {
      await new Promise((resolve) => setImmediate(resolve));
      gc();
    }
    expect(page.deref()).toBeUndefined();
  });
});
