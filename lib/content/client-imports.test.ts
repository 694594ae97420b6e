import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" ? [] : sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

const clientComponents = ["app", "components", "lib"].flatMap(sourceFiles).filter((path) => /^\s*["']use client["']/.test(readFileSync(path, "utf8")));

describe("text sent to the browser", () => {
  it("finds the client components", () => {
    expect(clientComponents.length).toBeGreaterThan(10);
  });

  it.each(clientComponents)("%s imports only the parts of the content module it shows, not the whole of it", (path) => {
    const source = readFileSync(path, "utf8");
    expect(source).not.toMatch(/from ["']@\/lib\/content["']/);
    expect(source).not.toMatch(/from ["']@\/lib\/content\/index["']/);
  });
});
