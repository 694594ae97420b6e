import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { appSettingsSchema, parseAppSettings } from "./schema";

const example = readFileSync(join(process.cwd(), ".env.example"), "utf8");
const documented = new Map(
  example
    .split("\n")
    .filter((line) => /^[A-Z][A-Z0-9_]*=/.test(line))
    .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)] as const),
);

describe(".env.example", () => {
  it("documents every setting the app reads", () => {
    const missing = Object.keys(appSettingsSchema.shape).filter((key) => !documented.has(key));
    expect(missing).toEqual([]);
  });

  it("holds values the app accepts as they stand", () => {
    const values = Object.fromEntries([...documented].filter(([key, value]) => key in appSettingsSchema.shape && value !== ""));
    expect(() => parseAppSettings(values)).not.toThrow();
  });
});
