// Server actions fuzzed: the find-and-open group (lib/fuzz/action-targets.ts says what is generated and what must hold).
import { afterAll, beforeAll, vi } from "vitest";

vi.hoisted(() => {
  process.env.LOG_LEVEL = process.env.FUZZ_LOG_LEVEL ?? "silent";
  process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = "true";
});
vi.mock("next/headers", async () => (await import("@/tests/next-request-scope")).nextHeaders);
vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));

import { startHarness, stopHarness } from "@/tests/handler-harness";
import { fuzzServerActions, fuzzSignOutRoute } from "./action-targets";

beforeAll(() => startHarness(), 60_000);
afterAll(() => stopHarness("Server actions: finding and opening"));

fuzzServerActions("find-and-open");
fuzzSignOutRoute();
