import { describe, expect, it } from "vitest";
import { NHS_APIS } from "../../lib/nhs/catalogue";
import { valueSetUrl } from "../../lib/nhs/terminology/value-sets";
import { TEST_TERMINOLOGY_CLIENT, testSandboxPerFile } from "../testing/support";
import { CONCEPTS, isValidSctid, RELEASES } from "./concepts";

const sandbox = testSandboxPerFile({ mode: "integration" });
const BASE = NHS_APIS.terminology.basePath;

async function token(form: Record<string, string>) {
  const response = await sandbox.app.inject({
    method: "POST",
    url: NHS_APIS.terminology.tokenPath,
    headers: { "content-type": "application/x-www-form-urlencoded" },
    payload: new URLSearchParams(form).toString(),
  });
  return { status: response.statusCode, body: response.json() };
}

async function get(url: string, accessToken?: string) {
  const response = await sandbox.app.inject({ method: "GET", url: `${BASE}${url}`, headers: accessToken ? { authorization: `Bearer ${accessToken}` } : {} });
  return { status: response.statusCode, body: response.json() };
}

async function goodToken() {
  return (await token({ grant_type: "client_credentials", client_id: TEST_TERMINOLOGY_CLIENT.clientId, client_secret: TEST_TERMINOLOGY_CLIENT.clientSecret }))
    .body.access_token as string;
}

describe("stand-in Terminology Server", () => {
  it("holds about 150 concepts, every identifier with a valid check digit", () => {
    expect(CONCEPTS.length).toBeGreaterThan(130);
    expect(CONCEPTS.filter((concept) => !isValidSctid(concept.code)).map((concept) => concept.code)).toEqual([]);
    expect(new Set(CONCEPTS.map((concept) => concept.code)).size).toBe(CONCEPTS.length);
  });

  it("issues a token for a registered client's secret, and refuses a wrong secret, an unknown client and another grant", async () => {
    const issued = await token({
      grant_type: "client_credentials",
      client_id: TEST_TERMINOLOGY_CLIENT.clientId,
      client_secret: TEST_TERMINOLOGY_CLIENT.clientSecret,
    });
    expect(issued).toMatchObject({ status: 200, body: { token_type: "Bearer", expires_in: 300 } });
    expect(await token({ grant_type: "client_credentials", client_id: TEST_TERMINOLOGY_CLIENT.clientId, client_secret: "wrong" })).toMatchObject({
      status: 401,
      body: { error: "unauthorized_client" },
    });
    expect((await token({ grant_type: "client_credentials", client_id: "someone-else", client_secret: TEST_TERMINOLOGY_CLIENT.clientSecret })).status).toBe(
      401,
    );
    expect(
      (await token({ grant_type: "password", client_id: TEST_TERMINOLOGY_CLIENT.clientId, client_secret: TEST_TERMINOLOGY_CLIENT.clientSecret })).status,
    ).toBe(400);
  });

  it("in integration mode answers only with its own token", async () => {
    const url = `/CodeSystem/$lookup?system=${encodeURIComponent("http://snomed.info/sct")}&code=78421000`;
    expect((await get(url)).status).toBe(401);
    expect((await get(url, "made-up")).status).toBe(401);
    expect(await get(url, await goodToken())).toMatchObject({ status: 200, body: { resourceType: "Parameters" } });
  });

  it("expands in the release asked for, names the release it used, and refuses an unknown one", async () => {
    const accessToken = await goodToken();
    const url = encodeURIComponent(valueSetUrl({ kind: "products", vaccineType: "COVID" }));
    const latest = await get(`/ValueSet/$expand?url=${url}&filter=LP.8.1`, accessToken);
    expect(latest.body.expansion.total).toBe(2);
    expect(latest.body.expansion.parameter).toContainEqual({ name: "version", valueUri: `http://snomed.info/sct|${RELEASES[1]}` });
    const earlier = await get(
      `/ValueSet/$expand?url=${url}&filter=LP.8.1&system-version=${encodeURIComponent(`http://snomed.info/sct|${RELEASES[0]}`)}`,
      accessToken,
    );
    expect(earlier.body.expansion.total).toBe(0);
    expect((await get(`/ValueSet/$expand?url=${url}&system-version=${encodeURIComponent("http://snomed.info/sct|1999")}`, accessToken)).status).toBe(404);
    const lookup = await get(
      `/CodeSystem/$lookup?system=http://snomed.info/sct&code=43208811000001106&version=${encodeURIComponent(RELEASES[0])}`,
      accessToken,
    );
    expect(lookup.body.parameter).toContainEqual({ name: "version", valueString: RELEASES[0] });
  });

  it("answers a bad question with an OperationOutcome: no url, an unparsable expression, an unknown value set or code, too large an expansion", async () => {
    const accessToken = await goodToken();
    expect((await get("/ValueSet/$expand", accessToken)).status).toBe(400);
    expect((await get(`/ValueSet/$expand?url=${encodeURIComponent("http://snomed.info/sct?fhir_vs=ecl/< 123 MINUS")}`, accessToken)).status).toBe(400);
    expect((await get(`/ValueSet/$expand?url=${encodeURIComponent("https://example.org/ValueSet/x")}`, accessToken)).status).toBe(404);
    const unknown = await get("/CodeSystem/$lookup?system=http://snomed.info/sct&code=99999999", accessToken);
    expect(unknown).toMatchObject({ status: 404, body: { resourceType: "OperationOutcome" } });
    expect((await get("/CodeSystem/$lookup?system=http://loinc.org&code=1234-5", accessToken)).status).toBe(404);
  });
});
