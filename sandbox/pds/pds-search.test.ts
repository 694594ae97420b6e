import { describe, expect, it } from "vitest";
import { testSandboxPerFile, outcomeCode, uuid } from "../testing/support";
import { NHS_APIS } from "../../lib/nhs/catalogue";

const sandbox = testSandboxPerFile();

async function search(query: string, headers: Record<string, string> = { "x-request-id": uuid() }) {
  const response = await sandbox.app.inject({ method: "GET", url: `${NHS_APIS.pds.basePath}/Patient?${query}`, headers });
  return { status: response.statusCode, body: response.json() };
}

const ids = (body: { entry?: Array<{ resource: { id: string } }> }) => (body.entry ?? []).map((entry) => entry.resource.id);
const scores = (body: { entry?: Array<{ search: { score: number } }> }) => (body.entry ?? []).map((entry) => entry.search.score);

describe("stand-in PDS search: validation, in the NHS sandbox's order", () => {
  it.each([
    ["", 400, "UNSUPPORTED_SERVICE"],
    ["family=Smith&birthdate=eq2010-10-22&colour=blue", 400, "ADDITIONAL_PROPERTIES"],
    ["family=Smith&birthdate=eq2010-13-45", 400, "INVALID_VALUE"],
    ["family=Smith&birthdate=22-10-2010", 400, "INVALID_VALUE"],
    ["family=Smith&birthdate=eq2010-10-22&gender=woman", 400, "INVALID_VALUE"],
    ["family=Smith&birthdate=eq2010-10-22&_max-results=51", 400, "INVALID_VALUE"],
    ["family=Smith&gender=female", 400, "MISSING_VALUE"],
    ["gender=female&birthdate=eq2010-10-22", 400, "INVALID_SEARCH_DATA"],
    ["family=S*&birthdate=eq2010-10-22", 400, "INVALID_SEARCH_DATA"],
  ])("%j → %i %s", async (query, status, code) => {
    const response = await search(query);
    expect(response.status).toBe(status);
    expect(outcomeCode(response.body)).toBe(code);
  });

  it("names the unexpected parameter", async () => {
    const response = await search("family=Smith&birthdate=eq2010-10-22&colour=blue");
    expect(response.body.issue[0].diagnostics).toBe("Additional properties are not allowed ('colour' was unexpected)");
  });

  it("checks the X-Request-ID before anything else", async () => {
    expect(outcomeCode((await search("", {})).body)).toBe("MISSING_VALUE");
  });
});

describe("stand-in PDS search: the NHS sandbox's scenarios", () => {
  it.each([
    ["Jane Smith", "family=Smith&gender=female&birthdate=eq2010-10-22", ["9000000009"]],
    ["Jane Smith with phone and email", "family=Smith&gender=female&birthdate=eq2010-10-22&phone=01632960587&email=jane.smith@example.com", ["9000000009"]],
    ["date-of-birth range", "family=Smith&gender=female&birthdate=ge2010-10-21&birthdate=le2010-10-23", ["9000000009"]],
    ["someone else's contact details", "family=Smith&gender=female&birthdate=eq2010-10-22&email=deb.trotter@example.com&phone=0121111111", []],
    ["Sm* wildcard", "family=Sm*&gender=female&birthdate=eq2010-10-22", ["9000000009", "9000000017"]],
    ["Sm* with Jane's phone", "family=Sm*&gender=female&birthdate=eq2010-10-22&phone=01632960587&_max-results=1", ["9000000009"]],
    ["restricted Janet Smythe", "family=Smythe&gender=female&birthdate=eq2010-10-22", ["9000000025"]],
    ["compound given name", "family=Smith&gender=male&given=John%20Paul&given=James&birthdate=eq2010-10-22", ["9000000015"]],
    ["Cuff: superseding record only", "family=CUFF&gender=female&birthdate=eq1926-01-07", ["9732019395"]],
    ["YOUDS", "family=YOUDS&birthdate=eq1970-01-24", ["9693633679", "9693633687", "9693633695", "9693633709"]],
    ["McMatch-Multiple", "family=McMatch-Multiple&address-postalcode=DN19%207UD&birthdate=eq1997-08-20", ["5900036502", "5900053679"]],
    ["McMatch-Single", "family=McMatch-Single&address-postalcode=BAP%204WG&gender=male&birthdate=eq1954-10-26", ["5900054586"]],
    ["eleven Sam Smiths", "family=Smith&gender=male&birthdate=eq2000-05-05&phone=01234123123&email=test@test.com", 11],
    ["postcode wildcard", "family=Smith&gender=male&birthdate=eq2000-05-05&address-postalcode=DN17*", 20],
    ["fuzzy multi-match", "family=Smythe&given=Mat&gender=male&birthdate=ge2000-05-03&address-postalcode=DN17%204AA&_fuzzy-match=true", 20],
    [
      "fuzzy multi-match, wrong email",
      "family=Smythe&given=Mat&gender=male&birthdate=ge2000-05-03&address-postalcode=DN17%204AA&_fuzzy-match=true&email=rubbish@work.com",
      [],
    ],
    ["fuzzy: historic name", "family=Blogs&given=Joe&birthdate=eq1955-11-05&_fuzzy-match=true", ["9693632109"]],
    ["fuzzy: accents", "family=ATTS%C3%96N&given=P%C3%80ULIN%C3%89&birthdate=eq1960-07-14&_fuzzy-match=true", ["9693633148", "9693633121"]],
    ["fuzzy: generic", "family=Smith&given=Jane&gender=female&birthdate=eq2010-10-22&_fuzzy-match=true", ["9000000017"]],
    ["fuzzy: Jane with her phone", "family=Smith&gender=female&birthdate=eq2010-10-22&_fuzzy-match=true&phone=01632960587", ["9000000009"]],
    ["history: found with _history", "family=Smith&gender=male&birthdate=eq2000-05-05&email=Historic@historic.com&_history=true", ["5900020584"]],
    ["history: not found without it", "family=Smith&gender=male&birthdate=eq2000-05-05&email=Historic@historic.com", []],
    ["restricted Rodney Godsoe", "family=Godsoe&gender=male&birthdate=eq1936-02-24", ["9693632125"]],
    ["by GP practice", "general-practitioner=A20047&family=Me*&birthdate=eq2015-10-22", ["9733162337"]],
    ["by date of death", "death-date=le2019-02-28&family=TUNNEY&birthdate=ge1980-01-01", ["9733163201"]],
    ["exact match", "family=KNAPP&gender=female&birthdate=eq1943-07-03&_exact-match=true", ["9736363120"]],
    ["not an exact match", "family=KNAPP&gender=female&birthdate=eq1943-07-03", []],
    ["international phone", "family=Muir&gender=male&birthdate=eq2017-09-06&phone=00917855986859", ["9732019506"]],
    ["nobody", "family=Spiderman&birthdate=eq1962-07-31", []],
  ])("%s", async (_name, query, expected) => {
    const response = await search(query);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ resourceType: "Bundle", type: "searchset" });
    if (typeof expected === "number") {
      expect(response.body.total).toBe(expected);
    } else {
      expect(ids(response.body)).toEqual(expected);
      expect(response.body.total).toBe(expected.length);
    }
  });

  it("scores exact matches 1 and sorts by score", async () => {
    const response = await search("family=Sm*&gender=female&birthdate=eq2010-10-22");
    expect(scores(response.body)).toEqual([1, 0.8343]);
  });

  it.each([["family=Sm*&gender=female&birthdate=eq2010-10-22&_max-results=1"], ["family=YOUDS&birthdate=eq1970-01-24&_max-results=1"]])(
    "too many matches is HTTP 200 with TOO_MANY_MATCHES: %s",
    async (query) => {
      const response = await search(query);
      expect(response.status).toBe(200);
      expect(response.body.resourceType).toBe("OperationOutcome");
      expect(outcomeCode(response.body)).toBe("TOO_MANY_MATCHES");
      expect(response.body.issue[0].code).toBe("multiple-matches");
    },
  );

  it("withholds a restricted patient's address, contact details and GP from results", async () => {
    const [restricted] = (await search("family=Godsoe&gender=male&birthdate=eq1936-02-24")).body.entry;
    expect(restricted.resource.meta.security[0].code).toBe("R");
    for (const field of ["address", "telecom", "generalPractitioner", "contact"]) expect(restricted.resource).not.toHaveProperty(field);
  });

  it("leaves restricted patients out when the search names a postcode", async () => {
    const response = await search("family=Smythe&gender=female&birthdate=eq2010-10-22&address-postalcode=LS1%206AE");
    expect(ids(response.body)).toEqual([]);
  });

  it("searches its population for combinations the NHS sandbox has no script for", async () => {
    expect(ids((await search("family=Garton&birthdate=eq1955-11-05")).body)).toEqual(["9693632109"]);
    expect(ids((await search("family=WIL*&birthdate=ge1950-01-01&birthdate=le1960-01-01")).body)).toEqual(["9736363074"]);
    expect(ids((await search("family=Nobody&birthdate=eq1955-11-05")).body)).toEqual([]);
  });
});
