// The registry here does not serve @next/swc's macOS and Windows builds, so a lockfile written here
// lacks them and `npm ci` then refuses it. Entries tagged with their os/cpu are never fetched on Linux.
// Run after any install that changes the version of next.
import { readFileSync, writeFileSync } from "node:fs";

const lock = JSON.parse(readFileSync("package-lock.json", "utf8"));
const next = lock.packages["node_modules/next"];
const platforms = {
  "darwin-arm64": ["darwin", "arm64"],
  "darwin-x64": ["darwin", "x64"],
  "win32-arm64-msvc": ["win32", "arm64"],
  "win32-x64-msvc": ["win32", "x64"],
};
let added = 0;
for (const name of Object.keys(next?.optionalDependencies ?? {})) {
  const key = `node_modules/${name}`;
  const platform = platforms[name.replace("@next/swc-", "")];
  if (!lock.packages[key] && platform) {
    lock.packages[key] = {
      version: next.version,
      cpu: [platform[1]],
      license: "MIT",
      optional: true,
      os: [platform[0]],
      engines: { node: ">= 10" },
    };
    added += 1;
  }
}
lock.packages = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => a.localeCompare(b, "en")));
writeFileSync("package-lock.json", `${JSON.stringify(lock, null, 2)}\n`);
console.log(`added ${added} @next/swc platform entries`);
