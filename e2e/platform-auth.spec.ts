import { expect, test } from "./support/test";
import { signInAsGpAndSearch } from "./support/journeys";
import { SANDBOX_URL } from "./support/stand-in";
import { NHS_APIS } from "../lib/nhs/catalogue";

const INTEGRATION = process.env.E2E_NHS_MODE === "int";

test("the app publishes its public keys for the API platform, and nothing private", { tag: "@platform" }, async ({ request }) => {
  const response = await request.get("/.well-known/jwks.json");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("application/jwk-set+json");
  const { keys } = (await response.json()) as { keys: Array<Record<string, string>> };
  expect(keys.length).toBeGreaterThanOrEqual(1);
  for (const key of keys) {
    expect(key).toMatchObject({ kty: "RSA", alg: "RS512", use: "sig", kid: expect.any(String), n: expect.any(String), e: "AQAB" });
    expect(Object.keys(key).sort()).toEqual(["alg", "e", "kid", "kty", "n", "use"]);
  }
});

test("in integration mode the stand-in really demands credentials, and the app's journeys get through with its tokens and API key", {
  tag: "@platform",
}, async ({ page, request }) => {
  test.skip(!INTEGRATION, "runs with E2E_NHS_MODE=int (npm run test:int)");
  expect(await (await request.get(`${SANDBOX_URL}/_stand-in/health`)).json()).toMatchObject({ mode: "integration" });
  const uuid = () => crypto.randomUUID();
  // without credentials each kind of API refuses
  for (const path of [
    `${NHS_APIS.pds.basePath}/Patient/9000000009`,
    `${NHS_APIS.immunisation.basePath}/Immunization?patient.identifier=https://fhir.nhs.uk/Id/nhs-number|9000000009&-immunization.target=COVID`,
    `${NHS_APIS.ods.basePath}/Organization/Y12345`,
  ]) {
    expect((await request.get(`${SANDBOX_URL}${path}`, { headers: { "x-request-id": uuid() } })).status(), path).toBe(401);
  }
  await signInAsGpAndSearch(page, "9693632109");
  await expect(page.getByTestId("patient-banner")).toContainText("969 363 2109");
  await expect(page.getByTestId("patient-banner")).toContainText(/ANCHOLME VALLEY/i);
});
