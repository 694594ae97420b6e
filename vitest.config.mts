import { readdirSync, readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";

const LONG_SUITE = /\.fuzz\.test\.ts$|fault-matrix\.test\.ts$|verify-command\.test\.ts$/;

/**
 * Vitest starts the largest files first, which on a clean clone (no timings cached) left the fuzz suites, small
 * files that run for minutes, until last: two workers then finished them alone while the rest of CI had ended.
 * The suites known to be long go first, so the short files fill in around them. The shared project's files come
 * next, together: vitest hands a shared worker on to the next file only while the queue's next file is shared too.
 */
class LongSuitesFirst extends BaseSequencer {
  async sort(files: TestSpecification[]) {
    const rank = (file: TestSpecification) => (LONG_SUITE.test(file.moduleId) ? 0 : file.project.name === "shared" ? 1 : 2);
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b));
  }
}

const INCLUDE = [/^lib\/.*\.test\.ts$/, /^components\/.*\.test\.tsx$/, /^sandbox\/.*\.test\.ts$/, /^app\/.*\.test\.ts$/];
/**
 * What makes a test file need a fresh process of its own: module mocks (they would stay in place for the next
 * file), stubbed environment or globals, fake timers, spies, another test environment, or the app's own
 * singletons (the services, Next's request scope, the fuzz harness), which a file sets up for itself.
 */
const NEEDS_ISOLATION =
  /vi\.(mock|doMock|unmock|hoisted|stubEnv|stubGlobal|useFakeTimers|resetModules|spyOn)\b|process\.env|globalThis|handler-harness|next-request-scope|services\(|createServices|@vitest-environment/;
const root = fileURLToPath(new URL("./", import.meta.url));
const testFiles = readdirSync(root, { recursive: true, encoding: "utf8" })
  .filter((path) => !path.startsWith("node_modules/") && INCLUDE.some((pattern) => pattern.test(path)))
  .sort();
/**
 * Each file in a process of its own (vitest's default isolation) costs a Node start and a fresh import of
 * everything it uses: most of the unit stage's CPU outside the fuzz suites. The files that only call library code
 * and build what they need share worker processes and their loaded modules (isolate: false); the rest stay
 * isolated. A file is shared unless its text shows it needs isolation (NEEDS_ISOLATION).
 */
const sharedFiles = testFiles.filter((path) => !NEEDS_ISOLATION.test(readFileSync(`${root}${path}`, "utf8")));

export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: {
      "@": root,
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
    // starts a process (audit:verify through tsx) took over vitest's default 5 s there; allow for a loaded machine.
    // The same for hooks (vitest's default 10 s): a stand-in built before a file's tests took over 10 s on a loaded machine.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    sequence: { sequencer: LongSuitesFirst },
    setupFiles: ["./tests/setup.ts"],
    // one throwaway PostgreSQL per run (about a second to start): the stores' suites run on it as well as on SQLite
    globalSetup: ["./tests/postgres-global-setup.ts"],
    css: false,
    projects: [
      { extends: true, test: { name: "shared", include: sharedFiles, isolate: false } },
      { extends: true, test: { name: "isolated", include: testFiles.filter((path) => !sharedFiles.includes(path)), isolate: true } },
    ],
  },
});
