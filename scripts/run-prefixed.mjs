// Runs a command with each line of its output prefixed by a name, for scripts that run several at once.
import { spawn } from "node:child_process";

/** Resolves with the command's exit code (1 if it was killed) once it has ended. `take` may claim a stderr line (returns true) so it is not printed. */
export function runPrefixed(name, command, args, env = {}, take = () => false) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    const prefix = (stream, target, claim) => {
      let buffered = "";
      const write = (line) => claim(line) || target.write(`[${name}] ${line}\n`);
      stream.on("data", (chunk) => {
        buffered += chunk.toString();
        const lines = buffered.split("\n");
        buffered = lines.pop() ?? "";
        for (const line of lines) write(line);
      });
      stream.on("end", () => buffered && write(buffered));
    };
    prefix(child.stdout, process.stdout, () => false);
    prefix(child.stderr, process.stderr, take);
    child.on("close", (code) => resolve(code ?? 1));
  });
}
