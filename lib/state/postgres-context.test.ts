import { AsyncLocalStorage } from "node:async_hooks";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { afterAll, describe, expect, it } from "vitest";
import { captureStartContext } from "@/lib/nhs/transport/outside-request";
import { closeAllPostgres, inTransaction, openPostgres } from "@/lib/state/postgres";
import { freshPostgresDatabase } from "@/tests/store-backends";

afterAll(() => closeAllPostgres());

/** Whether the state a page ran with is still held once the page has ended: collected, it is not. */
async function heldAfter(work: (pageState: AsyncLocalStorage<object>) => Promise<void>): Promise<boolean> {
  setFlagsFromString("--expose-gc");
  const gc = runInNewContext("gc") as () => void;
  const pageState = new AsyncLocalStorage<object>();
  const page = await (async () => {
    const state = { page: "patient record", rendered: ["what the page held"] };
    await pageState.run(state, () => work(pageState));
    return new WeakRef(state);
  })();
  for (let attempt = 0; attempt < 10 && page.deref(); attempt++) {
    await new Promise((resolve) => setImmediate(resolve));
    gc();
  }
  return page.deref() !== undefined;
}

describe("pooled PostgreSQL connections keep nothing of the page that opened them (H14)", () => {
  it("a connection opened by a page's query, then kept in the pool, does not hold the page", async () => {
    // as the server does at start-up (instrumentation-node.ts), before any request
    captureStartContext();
    const pool = openPostgres(await freshPostgresDatabase());
    expect(
      await heldAfter(async (pageState) => {
        const { rows } = await pool.query("SELECT 1 AS one");
        expect(rows).toEqual([{ one: 1 }]);
        // the page resumes with its own state after the query
        expect(pageState.getStore()).toMatchObject({ page: "patient record" });
      }),
    ).toBe(false);
    expect(pool.totalCount).toBeGreaterThan(0);
  });

  it("nor does one opened for a page's transaction", async () => {
    captureStartContext();
    const pool = openPostgres(await freshPostgresDatabase());
    expect(
      await heldAfter(async (pageState) => {
        await inTransaction(pool, (client) => client.query("SELECT 1"));
        expect(pageState.getStore()).toMatchObject({ page: "patient record" });
      }),
    ).toBe(false);
    expect(pool.totalCount).toBeGreaterThan(0);
  });
});
