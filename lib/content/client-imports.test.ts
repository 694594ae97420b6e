import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CLIENT_COMPONENTS } from "@/tests/client-components";

const clientComponents = CLIENT_COMPONENTS;

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
