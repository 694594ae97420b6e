import "server-only";
import { readFileSync } from "node:fs";
import { Agent, fetch as undiciFetch } from "undici";

export interface MutualTlsFiles {
  certFile: string;
  keyFile: string;
  caFile: string;
}

/**
 * A fetch for the Spine Secure Proxy over HSCN: it presents this service's client certificate and trusts only the
 * CA bundle given (the SSP's chain), as GP Connect's TLS mutual authentication requires. The files are read once.
 */
export function mutualTlsFetch(files: MutualTlsFiles): typeof fetch {
  const agent = new Agent({
    connect: { cert: readFileSync(files.certFile), key: readFileSync(files.keyFile), ca: readFileSync(files.caFile), rejectUnauthorized: true },
  });
  return ((input: string | URL, init?: RequestInit) =>
    undiciFetch(input, { ...(init as Parameters<typeof undiciFetch>[1]), dispatcher: agent })) as unknown as typeof fetch;
}
