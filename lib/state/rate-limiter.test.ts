import { describe, expect, it } from "vitest";
import { STORE_BACKENDS } from "@/tests/store-backends";

describe.each(STORE_BACKENDS)("per-user rate limits on $name (issue 18 item 14)", (backend) => {
  const fresh = async () => (await backend.fresh()).rateLimiter();

  it("allows a minute's worth at once, then refuses with how long to wait", async () => {
    const limiter = await fresh();
    const now = 1_000_000;
    for (let request = 0; request < 3; request += 1) expect(await limiter.take("user:search", 3, now)).toEqual({ allowed: true });
    expect(await limiter.take("user:search", 3, now)).toEqual({ allowed: false, retryAfterSeconds: 20 });
    expect(await limiter.take("user:search", 3, now + 5_000)).toEqual({ allowed: false, retryAfterSeconds: 15 });
  });

  it("refills evenly over the minute, never beyond a minute's worth", async () => {
    const limiter = await fresh();
    for (let request = 0; request < 3; request += 1) await limiter.take("user:scr", 3, 0);
    expect(await limiter.take("user:scr", 3, 20_000)).toEqual({ allowed: true });
    expect((await limiter.take("user:scr", 3, 20_000)).allowed).toBe(false);
    const later = 10 * 60_000;
    for (let request = 0; request < 3; request += 1) expect((await limiter.take("user:scr", 3, later)).allowed).toBe(true);
    expect((await limiter.take("user:scr", 3, later)).allowed).toBe(false);
  });

  it("keeps each user's and each allowance's bucket apart", async () => {
    const limiter = await fresh();
    await limiter.take("a:search", 1, 0);
    expect((await limiter.take("a:search", 1, 0)).allowed).toBe(false);
    expect((await limiter.take("b:search", 1, 0)).allowed).toBe(true);
    expect((await limiter.take("a:scr", 1, 0)).allowed).toBe(true);
  });

  it("is one bucket across instances sharing the store", async () => {
    const database = await backend.fresh();
    const [first, second] = [database.rateLimiter(), database.rateLimiter()];
    expect((await first.take("user:search", 2, 0)).allowed).toBe(true);
    expect((await second.take("user:search", 2, 0)).allowed).toBe(true);
    expect((await first.take("user:search", 2, 0)).allowed).toBe(false);
  });

  it("gives out exactly a minute's worth to requests racing on two instances", async () => {
    const database = await backend.fresh();
    const [first, second] = [database.rateLimiter(), database.rateLimiter()];
    const results = await Promise.all(Array.from({ length: 12 }, (_, index) => (index % 2 ? first : second).take("user:search", 5, 0)));
    expect(results.filter((result) => result.allowed)).toHaveLength(5);
  });
});
