// The registry reachable here serves only some platform builds of packages that ship native binaries
// (@next/swc's macOS and Windows builds, most @unrs/resolver-binding-* builds). A lockfile written here
// then lacks their entries, and `npm ci` refuses it. An entry tagged with its os and cpu is never fetched
// on another platform, so this adds such entries for every missing optional dependency.
// Run after any install that changes dependencies.
import { readFileSync, writeFileSync } from "node:fs";

const OSES = ["darwin", "linux", "win32", "freebsd", "android", "openharmony", "netbsd", "openbsd", "sunos", "aix"];
const CPUS = ["arm64", "x64", "arm", "ia32", "loong64", "ppc64", "riscv64", "s390x", "wasm32", "mips64el"];

function platformOf(name) {
  const tokens = name.split("/").pop().split("-");
  const os = tokens.find((token) => OSES.includes(token));
  const cpu = tokens.find((token) => CPUS.includes(token));
  return os && cpu ? { os, cpu } : null;
}

const lock = JSON.parse(readFileSync("package-lock.json", "utf8"));
const added = [];
const unknown = [];
for (const [key, entry] of Object.entries(lock.packages)) {
  for (const [name, range] of Object.entries(entry.optionalDependencies ?? {})) {
    const nested = `${key}/node_modules/${name}`;
    const hoisted = `node_modules/${name}`;
    if (lock.packages[hoisted] || lock.packages[nested]) continue;
    const platform = platformOf(name);
    if (!platform) {
      unknown.push(name);
      continue;
    }
    if (platform.os === process.platform && platform.cpu === process.arch) {
      unknown.push(`${name} (this machine's own platform: install it properly)`);
      continue;
    }
    lock.packages[hoisted] = {
      version: range.replace(/^[\^~=]/, ""),
      cpu: [platform.cpu],
      license: "MIT",
      optional: true,
      os: [platform.os],
    };
    added.push(name);
  }
}
lock.packages = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => a.localeCompare(b, "en")));
writeFileSync("package-lock.json", `${JSON.stringify(lock, null, 2)}\n`);
console.log(`added ${added.length} platform entries${added.length ? `: ${added.join(", ")}` : ""}`);
if (unknown.length) {
  console.error(`could not place: ${unknown.join(", ")}`);
  process.exitCode = 1;
}
