import { fetchThrough, testSandboxPerFile } from "@/sandbox/testing/support";
import { NHS_APIS, type NhsApiId } from "../catalogue";
import { NhsApiClient } from "../transport/client";

const BASE = "http://localhost:9999";

/** For a test file: a stand-in per file, and the client core wired to it without a socket. */
export function standInClient() {
  const sandbox = testSandboxPerFile();
  const fetch = ((input, init) => fetchThrough(sandbox)(input, init)) as typeof globalThis.fetch;
  return {
    /** The stand-in's origin, for clients that follow URLs to it (documents, attachments). */
    origin: BASE,
    fetch,
    nhs: () => new NhsApiClient({ timeoutMs: 2000, maxReadRetries: 0, maxRetryAfterSeconds: 1, fetchImpl: fetch }),
    baseUrl: (api: NhsApiId) => `${BASE}${NHS_APIS[api].basePath}`,
  };
}

/** A GP at Y12345 and a pharmacist at Y23456, as the NHS headers carry them. */
export const gp = { correlationId: "c", sessionUrid: "656014452101", endUserOrganisationOds: "Y12345", organisationId: "org-uuid", jobRole: "R8000" };
export const pharmacy = { ...gp, endUserOrganisationOds: "Y23456" };
