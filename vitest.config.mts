import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";

/**
 * Vitest starts the largest files first, which on a clean clone (no timings cached) left the fuzz suites, small
 * files that run for minutes, until last: two workers then finished them alone while the rest of CI had ended.
 * The suites known to be long go first, so the short files fill in around them.
 */
class LongSuitesFirst extends BaseSequencer {
  async sort(files: TestSpecification[]) {
    const long = (file: TestSpecification) => /\.fuzz\.test\.ts$|fault-matrix\.test\.ts$|verify-command\.test\.ts$/.test(file.moduleId);
    return (await super.sort(files)).sort((a, b) => Number(long(b)) - Number(long(a)));
  }
}

export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: {
      "@": fileURLToPath(new URL("./", import.meta.url)),
      // server-only throws outside a React Server Components build; unit tests run server code directly
      "server-only": fileURLToPath(new URL("./tests/server-only-stub.ts", import.meta.url)),
    },
  },
  test: {
    environment: "node",
    // twice the cores: the fault matrices and the audit:verify tests spend most of their time waiting (on timeouts
    // they inject, on child processes), and a worker that waits would otherwise hold back the CPU-bound fuzz suites
    maxWorkers: Math.max(4, availableParallelism() * 2),
    // npm test runs the unit tests beside the build and the journeys, on 2 cores that CI may share: a test that
    // starts a process (audit:verify through tsx) took over vitest's default 5 s there; allow for a loaded machine
    testTimeout: 30_000,
    sequence: { sequencer: LongSuitesFirst },
    include: ["lib/**/*.test.ts", "components/**/*.test.tsx", "sandbox/**/*.test.ts", "app/**/*.test.ts"],
    setupFiles: ["./tests/setup.ts"],
    // one throwaway PostgreSQL per run (about a second to start): the stores' suites run on it as well as on SQLite
    globalSetup: ["./tests/postgres-global-setup.ts"],
    css: false,
  },
});
