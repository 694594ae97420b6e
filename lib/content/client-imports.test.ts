import { existsSync, readFileSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { CLIENT_COMPONENTS } from "@/tests/client-components";

const clientComponents = CLIENT_COMPONENTS;
const root = resolve(__dirname, "../..");

/** The project's modules a client component brings to the browser (type-only imports are erased, so they are not followed). */
function projectModulesReachedFrom(entry: string): Set<string> {
  const reached = new Set<string>();
  const pending = [resolve(root, entry)];
  while (pending.length > 0) {
    const file = pending.pop() as string;
    if (reached.has(file)) continue;
    reached.add(file);
    const source = readFileSync(file, "utf8");
    // a server action reaches the browser as a reference only; its module stays on the server
    if (file !== resolve(root, entry) && /^\s*["']use server["']/.test(source)) continue;
    for (const [, specifier] of source.matchAll(/^(?:import|export)\s+(?!type\s)(?:[^"';]*?\sfrom\s+)?["']([^"']+)["']/gm)) {
      const base = specifier.startsWith("@/") ? resolve(root, specifier.slice(2)) : specifier.startsWith(".") ? resolve(dirname(file), specifier) : null;
      if (base === null) continue;
      const found = [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}/index.tsx`].find(
        (candidate) => /\.tsx?$/.test(candidate) && existsSync(candidate),
      );
      if (found) pending.push(found);
    }
  }
  return new Set([...reached].map((file) => relative(root, file)));
}

describe("text sent to the browser", () => {
  it("finds the client components", () => {
    expect(clientComponents.length).toBeGreaterThan(10);
  });

  it.each(clientComponents)("%s imports only the parts of the content module it shows, not the whole of it", (path) => {
    const source = readFileSync(path, "utf8");
    expect(source).not.toMatch(/from ["']@\/lib\/content["']/);
    expect(source).not.toMatch(/from ["']@\/lib\/content\/index["']/);
  });

  it("follows imports through the project", () => {
    expect(projectModulesReachedFrom("app/patient/[ref]/_components/RecordNavigation.tsx")).toContain("lib/paths.ts");
  });

  // Each of these costs a page's first load kilobytes for nothing a browser uses: the whole content module, the
  // NHS API catalogue (through the API names) and the route manifest.
  it.each(clientComponents)("%s does not carry the whole content module, the NHS API catalogue or the route manifest to the browser", (path) => {
    const reached = projectModulesReachedFrom(path);
    expect(reached).not.toContain("lib/content/index.ts");
    expect(reached).not.toContain("lib/nhs/catalogue.ts");
    expect(reached).not.toContain("lib/routes.ts");
    expect(reached).not.toContain("lib/log.ts");
  });

  // every referral, worklist and BaRS string (about 3 kB gzipped) on each Referrals tab, for a form's three labels
  it.each(clientComponents.filter((path) => !path.startsWith("app/worklists/")))("%s does not carry the referral text to the browser", (path) => {
    expect(projectModulesReachedFrom(path)).not.toContain("lib/content/referrals.ts");
  });
});
