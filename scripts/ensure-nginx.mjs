// The cluster journeys and the two-instance bench put Debian's nginx in front of two app instances. It runs as
// a child of the test with its own prefix and configuration in a temporary folder (tests/cluster.ts), never as
// the system service, over TLS with a certificate that openssl makes for the run. Both are installed with apt-get
// when missing and this runs as root; otherwise the command to run is printed. Debian 12's nginx-light is only a
// transitional package for nginx, so nginx it is.
// Prints nginx's version (with --path, only its path, on standard output); exits 1 if it cannot be had.
import { execFileSync, execSync } from "node:child_process";
import { existsSync, rmSync, writeFileSync } from "node:fs";

const NGINX = process.env.NGINX_PATH ?? "/usr/sbin/nginx";
const OPENSSL = "/usr/bin/openssl";
// Debian's packages start their service when installed unless policy-rc.d says no (101); without one here, a
// temporary one keeps the system nginx from starting on port 80 for the length of the install.
const POLICY = "/usr/sbin/policy-rc.d";

function ensureNginx() {
  const missing = [
    [NGINX, "nginx"],
    [OPENSSL, "openssl"],
  ].filter(([path]) => !existsSync(path));
  if (!missing.length) return NGINX;
  const INSTALL = `apt-get install -y ${missing.map(([, name]) => name).join(" ")}`;
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (!isRoot)
    throw new Error(
      `${missing.map(([path]) => path).join(" and ")} missing: the cluster journeys need them. Install with: sudo apt-get update && sudo ${INSTALL}`,
    );
  console.error(`${INSTALL}: installing Debian's packages (nginx's system service is not started)`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const ownPolicy = !existsSync(POLICY);
  if (ownPolicy) writeFileSync(POLICY, "#!/bin/sh\nexit 101\n", { mode: 0o755 });
  try {
    // apt's output to standard error: standard output is for the path
    execSync("apt-get update -qq", { stdio: ["ignore", 2, 2], env });
    execSync(`${INSTALL} -qq`, { stdio: ["ignore", 2, 2], env });
  } finally {
    if (ownPolicy) rmSync(POLICY, { force: true });
  }
  for (const [path] of missing) if (!existsSync(path)) throw new Error(`apt-get finished but ${path} is still missing`);
  return NGINX;
}

try {
  const nginx = ensureNginx();
  if (process.argv.includes("--path")) console.log(nginx);
  else execFileSync(nginx, ["-v"], { stdio: "inherit" });
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
