import { afterAll, beforeEach, describe, expect, it } from "vitest";
import type { Sandbox } from "../server";
import { buildTestSandbox, outcomeCode, uuid } from "../testing/support";
import { NHS_APIS } from "../../lib/nhs/catalogue";

let sandbox: Sandbox;
beforeEach(async () => {
  // a fresh population per test: PATCH changes it
  sandbox = await buildTestSandbox();
});
afterAll(() => sandbox.app.close());

const BASE = NHS_APIS.pds.basePath;

async function read(id: string) {
  const response = await sandbox.app.inject({ method: "GET", url: `${BASE}/Patient/${id}`, headers: { "x-request-id": uuid() } });
  return { status: response.statusCode, etag: response.headers.etag, body: response.json() };
}

async function patch(id: string, patches: unknown, headers: Record<string, string> = {}) {
  const response = await sandbox.app.inject({
    method: "PATCH",
    url: `${BASE}/Patient/${id}`,
    headers: { "x-request-id": uuid(), "content-type": "application/json-patch+json", "if-match": 'W/"2"', ...headers },
    payload: patches === undefined ? undefined : JSON.stringify(patches),
  });
  return { status: response.statusCode, etag: response.headers.etag, body: response.json() };
}

const addPhone = { patches: [{ op: "add", path: "/telecom/-", value: { system: "phone", value: "07700900123", use: "mobile" } }] };

describe("stand-in PDS retrieve scenarios", () => {
  it("answers a superseded NHS number with the record that replaced it", async () => {
    const response = await read("9732019387");
    expect(response.status).toBe(200);
    expect(response.body.id).toBe("9732019395");
  });

  it("answers an invalidated record with 404 INVALIDATED_RESOURCE", async () => {
    const response = await read("9000000068");
    expect([response.status, outcomeCode(response.body)]).toEqual([404, "INVALIDATED_RESOURCE"]);
  });

  it("lists related people: two for 9000000009, one for 9000000017, none for 9000000025, 404 for an unknown number", async () => {
    const related = async (id: string) => {
      const response = await sandbox.app.inject({ method: "GET", url: `${BASE}/Patient/${id}/RelatedPerson`, headers: { "x-request-id": uuid() } });
      return { status: response.statusCode, body: response.json() };
    };
    expect((await related("9000000009")).body.total).toBe(2);
    expect((await related("9000000017")).body.entry[0].resource.resourceType).toBe("RelatedPerson");
    expect((await related("9000000025")).body.total).toBe(0);
    expect((await related("9111231130")).status).toBe(404);
  });
});

describe("stand-in PDS PATCH", () => {
  it("applies the patch, bumps the version and keeps it for the next read", async () => {
    const response = await patch("9000000009", addPhone);
    expect(response.status).toBe(200);
    expect(response.etag).toBe('W/"3"');
    expect(response.body.meta.versionId).toBe("3");
    const again = await read("9000000009");
    expect(again.etag).toBe('W/"3"');
    expect(again.body.telecom.map((entry: { value: string }) => entry.value)).toContain("07700900123");
  });

  it("refuses a stale version with 409 and changes nothing", async () => {
    expect((await patch("9000000009", addPhone)).status).toBe(200);
    const stale = await patch("9000000009", addPhone, { "if-match": 'W/"2"' });
    expect([stale.status, outcomeCode(stale.body)]).toEqual([409, "RESOURCE_VERSION_MISMATCH"]);
    expect((await read("9000000009")).etag).toBe('W/"3"');
  });

  it("checks in the NHS sandbox's order", async () => {
    expect(outcomeCode((await patch("9000000000", addPhone)).body)).toBe("INVALID_RESOURCE_ID");
    const noIfMatch = await sandbox.app.inject({
      method: "PATCH",
      url: `${BASE}/Patient/9000000009`,
      headers: { "x-request-id": uuid(), "content-type": "application/json-patch+json" },
      payload: JSON.stringify(addPhone),
    });
    expect([noIfMatch.statusCode, outcomeCode(noIfMatch.json())]).toEqual([412, "PRECONDITION_FAILED"]);
    expect(outcomeCode((await patch("9000000009", addPhone, { "content-type": "text/plain" })).body)).toBe("UNSUPPORTED_SERVICE");
    expect((await patch("9111231130", addPhone)).status).toBe(404);
    expect(outcomeCode((await patch("9000000009", { patches: [] })).body)).toBe("INVALID_UPDATE");
    expect(outcomeCode((await patch("9000000009", { patches: [{ op: "move", from: "/gender", path: "/x" }] })).body)).toBe("INVALID_VALUE");
  });

  it.each([
    ["removing the usual name", [{ op: "remove", path: "/name/0" }]],
    ["removing the date of birth", [{ op: "remove", path: "/birthDate" }]],
    ["removing the gender", [{ op: "remove", path: "/gender" }]],
    ["adding a second usual name", [{ op: "add", path: "/name/-", value: { use: "usual", family: "Jones", given: ["Jane"] } }]],
  ])("refuses %s with 403 FORBIDDEN_UPDATE", async (_name, patches) => {
    const response = await patch("9000000009", { patches });
    expect([response.status, outcomeCode(response.body)]).toEqual([403, "FORBIDDEN_UPDATE"]);
  });

  it("needs the id of a list item it replaces", async () => {
    const withoutId = await patch("9000000009", { patches: [{ op: "replace", path: "/address/0/postalCode", value: "LS1 1AA" }] });
    expect(withoutId.status).toBe(400);
    expect(withoutId.body.issue[0].diagnostics).toContain("no id or url found for path with root /address/0");
    const withId = await patch("9000000009", {
      patches: [
        { op: "test", path: "/address/0/id", value: "ADDR-1" },
        { op: "replace", path: "/address/0/postalCode", value: "LS1 1AA" },
      ],
    });
    expect(withId.status).toBe(200);
    expect(withId.body.address[0].postalCode).toBe("LS1 1AA");
  });

  it("removes a list item only straight after a test of it, and all-or-nothing when a test fails", async () => {
    const untested = await patch("9000000009", { patches: [{ op: "remove", path: "/name/1" }] });
    expect(untested.status).toBe(400);
    const wrongTest = await patch("9000000009", {
      patches: [
        { op: "test", path: "/name/1/id", value: "NOT-THIS-ONE" },
        { op: "remove", path: "/name/1" },
      ],
    });
    expect(wrongTest.status).toBe(400);
    expect((await read("9000000009")).body.name).toHaveLength(2);
    const tested = await patch("9000000009", {
      patches: [
        { op: "test", path: "/name/1/id", value: "NAME-2" },
        { op: "remove", path: "/name/1" },
      ],
    });
    expect(tested.status).toBe(200);
    expect(tested.body.name).toHaveLength(1);
  });

  it("answers a body that is not JSON with an OperationOutcome", async () => {
    const response = await sandbox.app.inject({
      method: "PATCH",
      url: `${BASE}/Patient/9000000009`,
      headers: { "x-request-id": uuid(), "content-type": "application/json-patch+json", "if-match": 'W/"2"' },
      payload: "{not json",
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().resourceType).toBe("OperationOutcome");
  });
});
