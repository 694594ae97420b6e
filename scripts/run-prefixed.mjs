// Runs a command with each line of its output prefixed by a name, for scripts that run several at once.
import { spawn } from "node:child_process";

/** Resolves with the command's exit code (1 if it was killed) once it has ended. */
export function runPrefixed(name, command, args, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    const prefix = (stream, target) => {
      let buffered = "";
      stream.on("data", (chunk) => {
        buffered += chunk.toString();
        const lines = buffered.split("\n");
        buffered = lines.pop() ?? "";
        for (const line of lines) target.write(`[${name}] ${line}\n`);
      });
      stream.on("end", () => buffered && target.write(`[${name}] ${buffered}\n`));
    };
    prefix(child.stdout, process.stdout);
    prefix(child.stderr, process.stderr);
    child.on("close", (code) => resolve(code ?? 1));
  });
}
