// The browser journeys and the bench use Debian's headless shell (chromium-headless-shell): Chromium's old
// headless mode, the browser Playwright itself uses for headless runs, and less than half the CPU of the full
// browser per journey. Playwright's own browser download cannot reach its host here.
import { execSync } from "node:child_process";
import { existsSync } from "node:fs";

const browser = process.env.CHROMIUM_PATH ?? "/usr/lib/chromium/chromium-headless-shell";

if (!existsSync(browser)) {
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (!isRoot) {
    console.error(`${browser} is missing. Install it with: sudo apt-get update && sudo apt-get install -y chromium-headless-shell`);
    process.exit(1);
  }
  console.log("chromium-headless-shell is missing; installing Debian's package with apt-get");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  execSync("apt-get update -qq", { stdio: "inherit", env });
  execSync("apt-get install -y -qq chromium-headless-shell", { stdio: "inherit", env });
  if (!existsSync(browser)) {
    console.error(`apt-get finished but ${browser} is still missing`);
    process.exit(1);
  }
}
