import { afterAll, expect } from "vitest";
import { nhsSpecsDir } from "@/sandbox/contract/specs";
import { fetchThrough, testSandboxPerFile } from "@/sandbox/testing/support";
import { NHS_APIS, type NhsApiId } from "../catalogue";
import { NhsApiClient } from "../transport/client";

const BASE = "http://localhost:9999";

/**
 * For a test file: a stand-in per file, and the client core wired to it without a socket. The stand-in
 * checks every request the clients send, and its answers, against the NHS's published specs; the file
 * fails if anything departs from them that no reviewed exception covers (sandbox/contract/).
 */
export function standInClient() {
  const sandbox = testSandboxPerFile({ contractSpecsDir: nhsSpecsDir() });
  afterAll(async () => {
    await sandbox.contract!.idle();
    const { violations } = sandbox.contract!.report();
    const unexcepted = violations
      .filter((violation) => violation.exceptedBy === null)
      .map(
        (violation) =>
          `${violation.api} ${violation.operation} ${violation.direction} ${violation.status ?? ""} ${violation.pointer} ${violation.rule}: ${violation.message}`,
      );
    expect(unexcepted, "what the clients sent, or the stand-in answered, departs from the published specs").toEqual([]);
  });
  const fetch = ((input, init) => fetchThrough(sandbox)(input, init)) as typeof globalThis.fetch;
  return {
    /** The stand-in's origin, for clients that follow URLs to it (documents, attachments). */
    origin: BASE,
    fetch,
    nhs: () => new NhsApiClient({ timeoutMs: 2000, maxReadRetries: 0, maxRetryAfterSeconds: 1, fetchImpl: fetch }),
    baseUrl: (api: NhsApiId) => `${BASE}${NHS_APIS[api].basePath}`,
  };
}

/** A GP at Y12345 and a pharmacist at Y23456, as the NHS headers carry them (the correlation ID a UUID, as the app makes it). */
export const gp = {
  correlationId: "0c1b2e3d-4f5a-4b6c-8d7e-9f0a1b2c3d4e",
  sessionUrid: "656014452101",
  endUserOrganisationOds: "Y12345",
  organisationId: "org-uuid",
  jobRole: "R8000",
};
export const pharmacy = { ...gp, endUserOrganisationOds: "Y23456" };
