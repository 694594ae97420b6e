import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { SqliteRateLimiter } from "./rate-limiter";

const fresh = () => new Database(join(mkdtempSync(join(tmpdir(), "rate-limits-")), "sessions.db"));

describe("per-user rate limits (issue 18 item 14)", () => {
  it("allows a minute's worth at once, then refuses with how long to wait", async () => {
    const limiter = new SqliteRateLimiter(fresh());
    const now = 1_000_000;
    for (let request = 0; request < 3; request += 1) expect(await limiter.take("user:search", 3, now)).toEqual({ allowed: true });
    expect(await limiter.take("user:search", 3, now)).toEqual({ allowed: false, retryAfterSeconds: 20 });
    expect(await limiter.take("user:search", 3, now + 5_000)).toEqual({ allowed: false, retryAfterSeconds: 15 });
  });

  it("refills evenly over the minute, never beyond a minute's worth", async () => {
    const limiter = new SqliteRateLimiter(fresh());
    for (let request = 0; request < 3; request += 1) await limiter.take("user:scr", 3, 0);
    expect(await limiter.take("user:scr", 3, 20_000)).toEqual({ allowed: true });
    expect((await limiter.take("user:scr", 3, 20_000)).allowed).toBe(false);
    const later = 10 * 60_000;
    for (let request = 0; request < 3; request += 1) expect((await limiter.take("user:scr", 3, later)).allowed).toBe(true);
    expect((await limiter.take("user:scr", 3, later)).allowed).toBe(false);
  });

  it("keeps each user's and each allowance's bucket apart", async () => {
    const limiter = new SqliteRateLimiter(fresh());
    await limiter.take("a:search", 1, 0);
    expect((await limiter.take("a:search", 1, 0)).allowed).toBe(false);
    expect((await limiter.take("b:search", 1, 0)).allowed).toBe(true);
    expect((await limiter.take("a:scr", 1, 0)).allowed).toBe(true);
  });

  it("is one bucket across instances sharing the store", async () => {
    const directory = mkdtempSync(join(tmpdir(), "rate-limits-"));
    const first = new SqliteRateLimiter(new Database(join(directory, "sessions.db")));
    const second = new SqliteRateLimiter(new Database(join(directory, "sessions.db")));
    expect((await first.take("user:search", 2, 0)).allowed).toBe(true);
    expect((await second.take("user:search", 2, 0)).allowed).toBe(true);
    expect((await first.take("user:search", 2, 0)).allowed).toBe(false);
  });
});
