import { AsyncLocalStorage } from "node:async_hooks";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDeadline, withDeadline } from "./deadline";
import { captureStartContext, outsideRequest } from "./outside-request";

const pageState = new AsyncLocalStorage<{ page: string }>();

describe("upstream calls made outside the page's context", () => {
  const server = createServer((_request, response) => {
    response.setHeader("content-type", "application/json").end(JSON.stringify({ ok: true }));
  });
  let url = "";
  beforeAll(async () => {
    captureStartContext();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("runs the call without the page's state, and the page has its state again when it resumes", async () => {
    await pageState.run({ page: "patient record" }, async () => {
      const seenInside = outsideRequest(() => pageState.getStore());
      expect(seenInside).toBeUndefined();
      const response = await outsideRequest(() => fetch(url));
      expect(await response.json()).toEqual({ ok: true });
      expect(pageState.getStore()).toEqual({ page: "patient record" });
    });
  });

  it("a socket opened for a page does not carry the page's state (its events run in the start context)", async () => {
    const seenBySocket: Array<unknown> = [];
    const { request } = await import("node:http");
    await pageState.run({ page: "patient record" }, () =>
      outsideRequest(
        () =>
          new Promise<void>((resolve, reject) => {
            const outgoing = request(url, (response) => {
              response.on("data", () => seenBySocket.push(pageState.getStore()));
              response.on("end", resolve);
            });
            outgoing.on("socket", (socket) => socket.on("connect", () => seenBySocket.push(pageState.getStore())));
            outgoing.on("error", reject);
            outgoing.end();
          }),
      ),
    );
    expect(seenBySocket.length).toBeGreaterThan(0);
    expect(seenBySocket.every((store) => store === undefined)).toBe(true);
  });
});

describe("deadlines", () => {
  it("aborts with a TimeoutError when the time passes", async () => {
    const deadline = startDeadline(20);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(deadline.signal.aborted).toBe(true);
    expect((deadline.signal.reason as Error).name).toBe("TimeoutError");
  });

  it("once cleared, never fires: the exchange ended and nothing is kept waiting", async () => {
    const deadline = startDeadline(20);
    deadline.clear();
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(deadline.signal.aborted).toBe(false);
  });

  it("withDeadline clears its timer whether the exchange succeeds or throws", async () => {
    let seen: AbortSignal | undefined;
    await withDeadline(20, async (signal) => {
      seen = signal;
    });
    await expect(
      withDeadline(20, async (signal) => {
        seen = signal;
        throw new Error("upstream went away");
      }),
    ).rejects.toThrow("upstream went away");
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(seen?.aborted).toBe(false);
  });
});
