// Turbopack cannot parse nhsuk-frontend's CSS (IE hacks and container queries), so the
// precompiled stylesheet and its assets are served as static files instead.
import { cpSync, existsSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(root, "node_modules", "nhsuk-frontend", "dist", "nhsuk");
if (!existsSync(dist)) {
  console.log("nhsuk-frontend is not installed yet; skipping asset copy");
  process.exit(0);
}
mkdirSync(join(root, "public", "nhsuk"), { recursive: true });
cpSync(join(dist, "nhsuk-frontend.min.css"), join(root, "public", "nhsuk", "nhsuk-frontend.min.css"));
cpSync(join(dist, "assets"), join(root, "public", "assets"), { recursive: true });
