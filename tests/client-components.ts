import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" ? [] : sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** Every module marked 'use client' in the app: what is sent to the browser, and so what it must not import. */
export const CLIENT_COMPONENTS = ["app", "components", "lib"].flatMap(sourceFiles).filter((path) => /^\s*["']use client["']/.test(readFileSync(path, "utf8")));
