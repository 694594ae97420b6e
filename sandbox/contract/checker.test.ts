import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { NHS_APIS } from "../../lib/nhs/catalogue";
import { type ContractException, ContractChecker, type Exchange } from "./checker";
import { CONTRACT_EXCEPTIONS, UNDOCUMENTED_OPERATIONS } from "./exceptions";
import { CONTRACT_SPECS, type ContractApi, findOperation, loadSpec, nhsSpecsDir } from "./specs";

const specsDir = nhsSpecsDir();
const PDS = NHS_APIS.pds.basePath;

function exchange(overrides: Partial<Exchange>): Exchange {
  return {
    api: "pds",
    basePath: PDS,
    method: "GET",
    url: `${PDS}/Patient/9000000009`,
    requestHeaders: { "x-request-id": "60e3a4a8-4b1c-4b3b-9c47-3f0f0b0b0b0b" },
    requestBody: undefined,
    status: 200,
    responseContentType: "application/fhir+json",
    responseBody: JSON.stringify({ resourceType: "Patient", id: "9000000009" }),
    ...overrides,
  };
}

const patientWith = (extra: Record<string, unknown>) =>
  JSON.stringify({ resourceType: "Patient", id: "9000000009", identifier: [{ system: "https://fhir.nhs.uk/Id/nhs-number", value: "9000000009" }], ...extra });

describe("the contract check", () => {
  const checker = new ContractChecker(specsDir, []);

  it("passes a patient read that keeps to the PDS spec", async () => {
    expect(await checker.check(exchange({ responseBody: patientWith({ gender: "female", birthDate: "2010-10-22" }) }))).toEqual([]);
  });

  it("reports a response field the spec does not allow, by pointer and rule, with no value from the body", async () => {
    const found = await checker.check(exchange({ responseBody: patientWith({ gender: "woman", nickname: "Janey Smith" }) }));
    expect(found).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ api: "pds", operation: "GET /Patient/{id}", direction: "response", status: 200, pointer: "/body/gender", rule: "enum" }),
      ]),
    );
    expect(JSON.stringify(found)).not.toMatch(/woman|Janey|9000000009/);
  });

  it("reports a status the spec does not document for the operation, and a media type it does not list", async () => {
    const teapot = await checker.check(exchange({ status: 502 }));
    expect(teapot.map((violation) => [violation.pointer, violation.rule])).toEqual([["/status", "status"]]);
    const text = await checker.check(exchange({ responseContentType: "text/plain", responseBody: "ok" }));
    expect(text.map((violation) => [violation.pointer, violation.rule])).toEqual([["/content-type", "content-type"]]);
  });

  it("reports request parameters the spec does not have, takes once, or requires", async () => {
    const found = await checker.check(
      exchange({
        url: `${PDS}/Patient?family=Smith&nickname=Jay&gender=female&gender=male`,
        requestHeaders: {},
        responseBody: JSON.stringify({ resourceType: "Bundle", type: "searchset", total: 0 }),
      }),
    );
    expect(found.filter((violation) => violation.direction === "request").map((violation) => [violation.pointer, violation.rule])).toEqual(
      expect.arrayContaining([
        ["/query/nickname", "unknown-parameter"],
        ["/query/gender", "repeated"],
        ["/header/x-request-id", "required"],
      ]),
    );
  });

  it("names a path the spec lacks by its shape, never by an NHS number in it", async () => {
    const [violation] = await checker.check(exchange({ url: `${PDS}/Patient/9000000009/Allergies` }));
    expect(violation).toMatchObject({ rule: "unknown-operation", operation: "GET /Patient/{…}/Allergies" });
  });

  it("keeps the failures of the extension a value was meant to be, not every extension the spec lists", async () => {
    const found = await checker.check(
      exchange({
        responseBody: patientWith({
          extension: [{ url: "https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-DeathNotificationStatus", valueString: "2" }],
        }),
      }),
    );
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((violation) => violation.pointer.startsWith("/body/extension/*/"))).toBe(true);
    expect(found.some((violation) => violation.rule === "anyOf" || violation.rule === "oneOf")).toBe(false);
  });

  it("counts what an exception covers apart from what no exception covers", async () => {
    const exception: ContractException = {
      id: "test",
      api: "pds",
      operation: "GET /Patient/{id}",
      direction: "response",
      pointer: "/body/gender",
      rule: "enum",
      reason: "test",
      source: "test",
    };
    const excepting = new ContractChecker(specsDir, [exception]);
    excepting.observe(exchange({ responseBody: patientWith({ gender: "woman" }) }));
    excepting.observe(exchange({ status: 502 }));
    await excepting.idle();
    const report = excepting.report();
    expect(report.violations.map((violation) => [violation.pointer, violation.exceptedBy])).toEqual([
      ["/body/gender", "test"],
      ["/status", null],
    ]);
    expect(report.unexcepted).toBe(1);
    expect(report.checked).toEqual({ "pds GET /Patient/{id}": 2 });
  });
});

describe("the reviewed list of exceptions", () => {
  it.each(CONTRACT_EXCEPTIONS.map((exception) => [exception.id, exception] as const))(
    "%s names an operation of its API's spec, a reason and a source",
    async (_id, exception) => {
      const spec = await loadSpec(exception.api, specsDir);
      const [method, path] = exception.operation.split(" ");
      expect(findOperation(spec, method, path)?.name, `${exception.operation} in ${CONTRACT_SPECS[exception.api]}`).toBe(exception.operation);
      expect(exception.pointer).toMatch(/^\/(path|query|header|body|status|content-type)(\/|$)/);
      expect(exception.reason.length).toBeGreaterThan(20);
      expect(exception.source.length).toBeGreaterThan(10);
    },
  );

  it.each(UNDOCUMENTED_OPERATIONS.map((entry) => [`${entry.api} ${entry.method} ${entry.path}`, entry] as const))(
    "%s is still missing from its API's spec, with a reason and a source",
    async (_name, entry) => {
      const spec = await loadSpec(entry.api as ContractApi, specsDir);
      expect(findOperation(spec, entry.method, entry.path.replace("*", "a-page"))).toBeUndefined();
      expect(entry.reason.length).toBeGreaterThan(20);
      expect(entry.source.length).toBeGreaterThan(10);
    },
  );

  it("has one entry per id", () => {
    expect(new Set(CONTRACT_EXCEPTIONS.map((exception) => exception.id)).size).toBe(CONTRACT_EXCEPTIONS.length);
  });
});

describe("without the specs", () => {
  it("says the spec could not be read, rather than checking against nothing", async () => {
    const [violation] = await new ContractChecker("/nonexistent/nhs-specs", []).check(exchange({}));
    expect(violation).toMatchObject({ api: "pds", rule: "spec-unavailable" });
  });
});

describe("the copy of a read spec kept between processes", () => {
  it("is written once and read back the same", async () => {
    const cacheDir = await mkdtemp(join(tmpdir(), "contract-cache-"));
    const fresh = await loadSpec("sds", specsDir, cacheDir);
    expect(await readdir(cacheDir)).toEqual([expect.stringMatching(/^sds-[0-9a-f]{16}\.json$/)]);
    const again = await loadSpec("sds", specsDir, cacheDir);
    expect(again.operations.map((operation) => operation.name)).toEqual(fresh.operations.map((operation) => operation.name));
    expect(again.document).toEqual(fresh.document);
    await rm(cacheDir, { recursive: true });
  });
});
