import { exportJWK, generateKeyPair } from "jose";
import { buildSandbox, type Sandbox } from "./server";

/** A stand-in for a test file, not listening; requests go through Fastify's inject. */
export async function buildTestSandbox(): Promise<Sandbox> {
  const { publicKey } = await generateKeyPair("RS512");
  return buildSandbox({
    publicBaseUrl: "http://localhost:9999",
    cis2Client: {
      clientId: "test-client",
      appBaseUrl: "http://localhost:3999",
      jwks: { keys: [{ ...(await exportJWK(publicKey)), kid: "test", alg: "RS512", use: "sig" }] },
    },
  });
}

export const uuid = () => crypto.randomUUID();

export function outcomeCode(body: { issue?: Array<{ details?: { coding?: Array<{ code?: string }> } }> }): string | undefined {
  return body.issue?.[0]?.details?.coding?.[0]?.code;
}
