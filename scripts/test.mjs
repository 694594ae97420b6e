// `npm test`: every check the project has, side by side, printing each stage's wall time:
// - typecheck, lint and the unit tests;
// - the production build (which skips Next's own type check, as typecheck does it) and Debian's headless
//   chromium, then the browser journeys against that build (scripts/run-journeys.mjs): every journey in local
//   mode, and the journeys that exercise what int mode changes (tagged @platform) with the app configured for
//   the integration environment and the stand-in demanding credentials.
// Each stage's output is prefixed with its name. Exits non-zero if any stage failed or the build did.
import { runPrefixed } from "./run-prefixed.mjs";

const started = Date.now();
const seconds = (from) => Math.round((Date.now() - from) / 1000);
const timings = [];

/** Each stage runs under sh, whose `times` reports the CPU its processes used (user+sys), printed on the line tagged below. */
const CPU_TAG = "stage-cpu:";
const cpuSeconds = (line) => [...line.matchAll(/(\d+)m([\d.]+)s/g)].slice(2).reduce((sum, [, minutes, secs]) => sum + Number(minutes) * 60 + Number(secs), 0);

async function run(name, command, args, env = {}) {
  const from = Date.now();
  let cpu;
  const quoted = [command, ...args].map((word) => `'${word.replaceAll("'", "'\\''")}'`).join(" ");
  // `times` must run in this shell itself (not in a pipe or $(...), which would be a new process with no children)
  const script = `${quoted}; code=$?; f=$(mktemp); times > "$f"; echo "${CPU_TAG} $(tr '\\n' ' ' < "$f")" >&2; rm -f "$f"; exit $code`;
  const code = await runPrefixed(name, "sh", ["-c", script], env, (line) => {
    if (!line.startsWith(CPU_TAG)) return false;
    cpu = Math.round(cpuSeconds(line));
    return true;
  });
  const result = { name, ok: code === 0, seconds: seconds(from), cpu };
  timings.push(result);
  console.log(`stage ${name}: ${result.ok ? "passed" : `failed (exit ${code})`} in ${result.seconds}s (CPU ${cpu ?? "?"}s)`);
  return result;
}

const npm = (name, script, env) => run(name, "npm", ["run", "--silent", script], env);

// The journeys need only the build, so they start as soon as it is done, while the unit tests go on.
const build = run("build", "sh", ["-c", "node scripts/ensure-chromium.mjs && npm run --silent build"], { NEXT_SKIP_TYPECHECK: "1" });
await Promise.all([
  npm("typecheck", "typecheck"),
  npm("lint", "lint"),
  npm("unit", "test:unit"),
  build.then(({ ok }) => (ok ? run("journeys", "node", ["scripts/run-journeys.mjs"]) : undefined)),
]);

console.log(`\nnpm test, wall time and CPU (user+sys) per stage:`);
for (const { name, ok, seconds: taken, cpu } of timings)
  console.log(`  ${name.padEnd(10)} ${String(taken).padStart(4)}s  CPU ${String(cpu ?? "?").padStart(4)}s  ${ok ? "passed" : "FAILED"}`);
const totalCpu = timings.reduce((sum, { cpu }) => sum + (cpu ?? 0), 0);
console.log(
  `  ${"total".padEnd(10)} ${String(seconds(started)).padStart(4)}s  CPU ${String(totalCpu).padStart(4)}s (processes that outlive their stage, such as a PostgreSQL started detached, not counted)`,
);
process.exit(timings.every(({ ok }) => ok) && timings.some(({ name }) => name === "journeys") ? 0 : 1);
