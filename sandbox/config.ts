import { z } from "zod";

const url = z.url({ protocol: /^https?$/ }).transform((value) => value.replace(/\/+$/, ""));

/** The stand-in's settings (see .env.example). */
export const sandboxSettingsSchema = z.object({
  SANDBOX_PORT: z.coerce.number().int().min(0).max(65535).default(9000),
  SANDBOX_HOST: z.string().min(1).default("localhost"),
  SANDBOX_PUBLIC_URL: url.optional(),
  MOCK_CIS2_CLIENT_ID: z.string().min(1).default("care-record-viewer-local"),
  MOCK_CIS2_APP_BASE_URL: url.default("http://localhost:3000"),
  MOCK_CIS2_CLIENT_JWKS_FILE: z.string().min(1).default(".local/keys/cis2-client.public.jwks.json"),
  SANDBOX_REQUEST_LOG: z.enum(["on", "off"]).default("on"),
  SANDBOX_MODE: z.enum(["sandbox", "integration"]).default("sandbox"),
  MOCK_APIM_API_KEY: z.string().min(8).default("care-record-viewer-local-api-key"),
  MOCK_APIM_CLIENT_SECRET: z.string().min(8).default("care-record-viewer-local-secret"),
  /** The system account registered with the stand-in Terminology Server's authorisation server. */
  MOCK_TERMINOLOGY_CLIENT_ID: z.string().min(1).default("care-record-viewer-local"),
  MOCK_TERMINOLOGY_CLIENT_SECRET: z.string().min(8).default("care-record-viewer-local-terminology-secret"),
  /**
   * on: check every request and response on the NHS APIs against the API's published OpenAPI spec
   * (sandbox/contract/), reported at /_stand-in/contract. The tests and journeys turn it on.
   */
  SANDBOX_CONTRACT_CHECK: z.enum(["on", "off"]).default("off"),
  /** Where the NHS's published specs are; by default ../shared/nhs-specs beside the repository. */
  NHS_SPECS_DIR: z.string().min(1).default("../shared/nhs-specs"),
  /** The app's public keys for APIM signed JWTs; by default the same set it registered with the mock CIS2. */
  MOCK_APIM_APP_JWKS_FILE: z.string().min(1).optional(),
});

export type SandboxSettings = z.infer<typeof sandboxSettingsSchema>;

export function parseSandboxSettings(env: Record<string, string | undefined>): SandboxSettings {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ""));
  const result = sandboxSettingsSchema.safeParse(present);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `  - ${issue.path.join(".")}: ${issue.message}`).join("\n");
  throw new Error(`The stand-in's configuration is not valid:\n${problems}`);
}
