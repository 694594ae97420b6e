import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

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
    // vitest's default leaves one core idle; on a 2-core runner that ran every file in one worker, and the
    // handler fuzz suites alone take a minute and a half of CPU
    maxWorkers: Math.max(2, availableParallelism()),
    // npm test runs the unit tests beside the build and the journeys, on 2 cores that CI may share: a test that
    // starts a process (audit:verify through tsx) took over vitest's default 5 s there; allow for a loaded machine
    testTimeout: 30_000,
    include: ["lib/**/*.test.ts", "components/**/*.test.tsx", "sandbox/**/*.test.ts", "app/**/*.test.ts"],
    setupFiles: ["./tests/setup.ts"],
    // one throwaway PostgreSQL per run (about a second to start): the stores' suites run on it as well as on SQLite
    globalSetup: ["./tests/postgres-global-setup.ts"],
    css: false,
  },
});
