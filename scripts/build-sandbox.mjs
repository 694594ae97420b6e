// Bundles the stand-in into one ES module so it starts as plain JavaScript (no on-the-fly TypeScript):
// under a second from process start to serving. Packages stay external and load from node_modules.
import { build } from "esbuild";

await build({
  entryPoints: ["sandbox/main.ts"],
  outfile: ".local/sandbox/main.mjs",
  bundle: true,
  platform: "node",
  target: "node20",
  format: "esm",
  packages: "external",
  sourcemap: true,
  logLevel: "warning",
});
