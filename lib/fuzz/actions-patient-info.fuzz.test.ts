// Server actions fuzzed: the patient-info group (issue 22: messages to the NHS App, the NHS.UK condition search) (lib/fuzz/action-targets.ts says what is generated and what must hold).
import { afterAll, beforeAll, vi } from "vitest";

vi.hoisted(() => {
  process.env.LOG_LEVEL = process.env.FUZZ_LOG_LEVEL ?? "silent";
  process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = "true";
  // an NHS App partner, so the message actions go past the feature check
  process.env.NHS_APP_MESSAGING = "on";
});
vi.mock("next/headers", async () => (await import("@/tests/next-request-scope")).nextHeaders);
vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));

import { startHarness, stopHarness } from "@/tests/handler-harness";
import { fuzzServerActions } from "./action-targets";

beforeAll(() => startHarness(), 60_000);
afterAll(() => stopHarness("Server actions: patient information"));

fuzzServerActions("patient-info");
