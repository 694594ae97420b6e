import type { FhirPatient } from "./fixtures";

/**
 * PDS patient search as the NHS sandbox answers it: its validation, in its order, then its scripted
 * scenarios top-down. A valid search the NHS sandbox has no script for gets a genuine search of the
 * stand-in's population here, so a demo can find anyone it holds.
 */

export const SEARCH_PARAMETERS = new Set([
  "family",
  "given",
  "gender",
  "birthdate",
  "death-date",
  "address-postalcode",
  "address-postcode",
  "general-practitioner",
  "email",
  "phone",
  "_fuzzy-match",
  "_exact-match",
  "_history",
  "_max-results",
]);

const GENDERS = new Set(["male", "female", "other", "unknown"]);
const DATE_CRITERION = /^(eq|ge|le)?(\d{4}-\d{2}-\d{2})$/;

export interface SearchError {
  status: 400;
  issueCode: string;
  errorCode: string;
  display: string;
  diagnostics?: string;
}

interface DateCriterion {
  comparator: "eq" | "ge" | "le";
  date: string;
}

export interface SearchCriteria {
  family: string;
  given: string[];
  gender?: string;
  birthdate: DateCriterion[];
  deathDate: DateCriterion[];
  postcode?: string;
  gp?: string;
  email?: string;
  phone?: string;
  fuzzy: boolean;
  exact: boolean;
  history: boolean;
  maxResults?: number;
}

export type SearchAnswer = { kind: "matches"; hits: Array<{ id: string; score: number }> } | { kind: "too-many" } | { kind: "error"; error: SearchError };

const list = (value: string | string[] | undefined): string[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

const first = (value: string | string[] | undefined) => list(value)[0];

const fold = (value: string) =>
  value
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .trim();

const compactPostcode = (value: string) => value.replace(/\s+/g, "").toUpperCase();

const isTrue = (value: string | string[] | undefined) => first(value)?.toLowerCase() === "true";

function invalidValue(field: string, value: string): SearchError {
  return {
    status: 400,
    issueCode: "value",
    errorCode: "INVALID_VALUE",
    display: "Provided value is invalid",
    diagnostics: `Invalid value - '${value.slice(0, 100)}' in field '${field}'`,
  };
}

function parseDates(field: string, values: string[]): DateCriterion[] | SearchError {
  const criteria: DateCriterion[] = [];
  for (const value of values) {
    const match = DATE_CRITERION.exec(value);
    if (!match || Number.isNaN(Date.parse(match[2]))) return invalidValue(field, value);
    criteria.push({ comparator: (match[1] as DateCriterion["comparator"]) ?? "eq", date: match[2] });
  }
  return criteria;
}

/** Checks a query as PDS does, in the NHS sandbox's order. */
export function parseSearch(query: Record<string, string | string[] | undefined>): SearchCriteria | SearchError {
  const names = Object.keys(query).filter((name) => query[name] !== undefined);
  if (names.length === 0) {
    return { status: 400, issueCode: "not-supported", errorCode: "UNSUPPORTED_SERVICE", display: "Unsupported Service" };
  }
  const unknown = names.find((name) => !SEARCH_PARAMETERS.has(name));
  if (unknown) {
    return {
      status: 400,
      issueCode: "structure",
      errorCode: "ADDITIONAL_PROPERTIES",
      display: "Additional properties are not allowed",
      diagnostics: `Additional properties are not allowed ('${unknown.slice(0, 100)}' was unexpected)`,
    };
  }
  const birthdate = parseDates("birthdate", list(query.birthdate));
  if ("errorCode" in birthdate) return birthdate;
  const deathDate = parseDates("death-date", list(query["death-date"]));
  if ("errorCode" in deathDate) return deathDate;
  const gender = first(query.gender);
  if (gender !== undefined && !GENDERS.has(gender)) return invalidValue("gender", gender);
  const maxResultsText = first(query["_max-results"]);
  let maxResults: number | undefined;
  if (maxResultsText !== undefined) {
    maxResults = Number(maxResultsText);
    if (!/^\d+$/.test(maxResultsText) || maxResults < 1 || maxResults > 50) return invalidValue("_max-results", maxResultsText);
  }
  if (birthdate.length === 0) {
    return {
      status: 400,
      issueCode: "required",
      errorCode: "MISSING_VALUE",
      display: "Required value is missing",
      diagnostics: "Missing value - 'birth_date/birth_date_range_start/birth_date_range_end'",
    };
  }
  const family = first(query.family);
  if (!family || family.trim() === "") {
    return { status: 400, issueCode: "invalid", errorCode: "INVALID_SEARCH_DATA", display: "Search data is invalid" };
  }
  if (family.indexOf("*") > -1 && family.indexOf("*") < 2) {
    return {
      status: 400,
      issueCode: "invalid",
      errorCode: "INVALID_SEARCH_DATA",
      display: "Search data is invalid",
      diagnostics: "A wildcard must follow at least two characters",
    };
  }
  const postcode = first(query["address-postalcode"]) ?? first(query["address-postcode"]);
  return {
    family: fold(family),
    given: list(query.given).map(fold),
    gender,
    birthdate,
    deathDate,
    postcode: postcode ? compactPostcode(postcode) : undefined,
    gp: first(query["general-practitioner"])?.toUpperCase(),
    email: first(query.email)?.toLowerCase(),
    phone: first(query.phone)?.replace(/\s+/g, ""),
    fuzzy: isTrue(query["_fuzzy-match"]),
    exact: isTrue(query["_exact-match"]),
    history: isTrue(query["_history"]),
    maxResults,
  };
}

const onDate = (criteria: DateCriterion[], date: string) =>
  criteria.every(({ comparator, date: bound }) => (comparator === "eq" ? date === bound : comparator === "ge" ? date >= bound : date <= bound));

const hits = (...entries: Array<[string, number]>): SearchAnswer => ({
  kind: "matches",
  hits: entries.map(([id, score]) => ({ id, score })),
});

const NOTHING: SearchAnswer = { kind: "matches", hits: [] };

const SMITHS_OF_DN17 = [
  "5069635395",
  "5502481484",
  "5667541432",
  "5689174815",
  "5900020584",
  "5900021459",
  "5900022366",
  "5900022978",
  "5900025225",
  "5900026086",
  "5900026191",
  "5900027376",
  "5900028917",
  "5900030741",
  "5900031160",
  "5900032809",
  "5900033694",
  "5900034143",
  "5900036863",
  "5900034372",
];

const SMITHS_WITH_PHONE_AND_EMAIL = [
  "5069635395",
  "5502481484",
  "5667541432",
  "5689174815",
  "5900021459",
  "5900026086",
  "5900026191",
  "5900030741",
  "5900031160",
  "5900034372",
  "5900036863",
];

const JANE = { phone: "01632960587", email: "jane.smith@example.com" };

interface Scenario {
  name: string;
  when: (criteria: SearchCriteria) => boolean;
  answer: (criteria: SearchCriteria) => SearchAnswer;
}

/** The NHS sandbox's scripted searches, most specific first. */
const SCENARIOS: Scenario[] = [
  {
    name: "exact match: Kathy Knapp only with _exact-match",
    when: (c) => c.family === "knapp",
    answer: (c) => (c.exact ? hits(["9736363120", 1]) : NOTHING),
  },
  {
    name: "historic email: found only with _history",
    when: (c) => c.family === "smith" && c.email === "historic@historic.com",
    answer: (c) => (c.history ? hits(["5900020584", 1]) : NOTHING),
  },
  {
    name: "fuzzy multi-match around DN17 4AA",
    when: (c) => c.fuzzy && c.family === "smythe" && (c.postcode ?? "").startsWith("DN17"),
    answer: (c) =>
      c.email === "rubbish@work.com" ? NOTHING : hits(...SMITHS_OF_DN17.map((id): [string, number] => [id, id === "5900034372" ? 0.8716 : 0.8827])),
  },
  { name: "fuzzy: historic name Joe Blogs", when: (c) => c.fuzzy && c.family === "blogs", answer: () => hits(["9693632109", 1]) },
  {
    name: "fuzzy: accented Pauline Attison",
    when: (c) => c.fuzzy && (c.family === "attson" || c.family === "attison"),
    answer: () => hits(["9693633148", 0.9317], ["9693633121", 0.9077]),
  },
  {
    name: "fuzzy: Jane Smith with her phone or email",
    when: (c) => c.fuzzy && (c.phone === JANE.phone || c.email === JANE.email),
    answer: (c) => hits(["9000000009", c.email === JANE.email ? 0.9542 : 0.9124]),
  },
  { name: "fuzzy: Rowenad Med", when: (c) => c.fuzzy && c.family === "med", answer: () => hits(["9733162450", 0.6806]) },
  { name: "fuzzy: generic", when: (c) => c.fuzzy, answer: () => hits(["9000000017", 0.8976]) },
  {
    name: "McMatch-Multiple at DN19 7UD",
    when: (c) => c.family === "mcmatch-multiple" && c.postcode === "DN197UD",
    answer: () => hits(["5900036502", 1], ["5900053679", 1]),
  },
  {
    name: "McMatch-Single at BAP 4WG",
    when: (c) => c.family === "mcmatch-single" && c.postcode === "BAP4WG" && c.gender === "male",
    answer: () => hits(["5900054586", 1]),
  },
  {
    name: "YOUDS: four people",
    when: (c) => c.family === "youds",
    answer: (c) => (c.maxResults === 1 ? { kind: "too-many" } : hits(["9693633679", 1], ["9693633687", 1], ["9693633695", 1], ["9693633709", 1])),
  },
  {
    name: "Smith, male, 2000-05-05, postcode wildcard DN17*",
    when: (c) => c.family === "smith" && c.gender === "male" && onDate(c.birthdate, "2000-05-05") && c.postcode === "DN17*",
    answer: () => hits(...SMITHS_OF_DN17.map((id): [string, number] => [id, 0.965])),
  },
  {
    name: "Smith, male, 2000-05-05 with phone and email: eleven people",
    when: (c) => c.family === "smith" && c.gender === "male" && onDate(c.birthdate, "2000-05-05") && c.phone === "01234123123" && c.email === "test@test.com",
    answer: () => hits(...SMITHS_WITH_PHONE_AND_EMAIL.map((id): [string, number] => [id, 1])),
  },
  {
    name: "compound given name John Paul",
    when: (c) => c.family === "smith" && c.gender === "male" && c.given.includes("john paul"),
    answer: () => hits(["9000000015", 1]),
  },
  {
    name: "Sm* with Jane's phone or email",
    when: (c) => c.family === "sm*" && (c.phone === JANE.phone || c.email === JANE.email),
    answer: () => hits(["9000000009", 1]),
  },
  { name: "Sm* limited to one result", when: (c) => c.family === "sm*" && c.maxResults === 1, answer: () => ({ kind: "too-many" }) },
  { name: "Sm*: two people", when: (c) => c.family === "sm*", answer: () => hits(["9000000009", 1], ["9000000017", 0.8343]) },
  {
    name: "Smith with someone else's contact details",
    when: (c) => c.family === "smith" && (c.email === "deb.trotter@example.com" || c.phone === "0121111111"),
    answer: () => NOTHING,
  },
  {
    name: "Jane Smith, female, born 22 October 2010 (or a range around it)",
    when: (c) => c.family === "smith" && c.gender === "female" && onDate(c.birthdate, "2010-10-22"),
    answer: () => hits(["9000000009", 1]),
  },
  { name: "Janet Smythe: restricted", when: (c) => c.family === "smythe", answer: () => hits(["9000000025", 1]) },
  {
    name: "Jane Cuff: superseding record only",
    when: (c) => c.family === "cuff" && c.gender === "female" && onDate(c.birthdate, "1926-01-07"),
    answer: () => hits(["9732019395", 1]),
  },
  { name: "Rodney Godsoe: restricted", when: (c) => c.family === "godsoe", answer: () => hits(["9693632125", 1]) },
  {
    name: "by GP practice A20047",
    when: (c) => c.gp === "A20047" && c.family === "me*",
    answer: () => hits(["9733162337", 0.9259]),
  },
  {
    name: "by date of death",
    when: (c) => c.family === "tunney" && c.deathDate.length > 0,
    answer: () => hits(["9733163201", 1]),
  },
  {
    name: "international mobile number",
    when: (c) => c.family === "muir" && c.phone === "00917855986859",
    answer: () => hits(["9732019506", 1]),
  },
  { name: "nobody by those names", when: (c) => c.family === "spiderman" || c.family === "bingham", answer: () => NOTHING },
];

function wildcardMatch(pattern: string, value: string): boolean {
  if (!pattern.includes("*")) return pattern === value;
  const regex = new RegExp(
    `^${pattern
      .split("*")
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
      .join(".*")}$`,
  );
  return regex.test(value);
}

interface SearchablePerson {
  id: string;
  families: string[];
  givens: string[];
  gender?: string;
  birthDate?: string;
  deathDate?: string;
  postcode?: string;
  gp?: string;
}

function searchable(patient: FhirPatient, includeHistory: boolean): SearchablePerson {
  const names = (patient.name as Array<{ use?: string; family?: string; given?: string[] }> | undefined) ?? [];
  const usable = names.filter((name) => includeHistory || name.use !== "old");
  const address = (patient.address as Array<{ postalCode?: string }> | undefined)?.[0];
  const gp = (patient.generalPractitioner as Array<{ identifier?: { value?: string } }> | undefined)?.[0];
  return {
    id: patient.id,
    families: usable.map((name) => fold(name.family ?? "")),
    givens: usable.flatMap((name) => (name.given ?? []).map(fold)),
    gender: patient.gender as string | undefined,
    birthDate: patient.birthDate as string | undefined,
    deathDate: (patient.deceasedDateTime as string | undefined)?.slice(0, 10),
    postcode: address?.postalCode ? compactPostcode(address.postalCode) : undefined,
    gp: gp?.identifier?.value,
  };
}

/** A plain search of the population for combinations the NHS sandbox has no script for. */
function genuineSearch(criteria: SearchCriteria, population: Iterable<FhirPatient>): SearchAnswer {
  const found: Array<{ id: string; score: number }> = [];
  for (const patient of population) {
    const person = searchable(patient, criteria.history);
    if (!person.birthDate || !onDate(criteria.birthdate, person.birthDate)) continue;
    if (!person.families.some((family) => wildcardMatch(criteria.family, family))) continue;
    if (criteria.gender && person.gender !== criteria.gender) continue;
    if (criteria.given.length && !criteria.given.every((given) => person.givens.some((candidate) => wildcardMatch(given, candidate)))) continue;
    if (criteria.deathDate.length && (!person.deathDate || !onDate(criteria.deathDate, person.deathDate))) continue;
    if (criteria.postcode && !(person.postcode && wildcardMatch(criteria.postcode, person.postcode))) continue;
    if (criteria.gp && person.gp !== criteria.gp) continue;
    const exact = !criteria.family.includes("*") && criteria.given.every((given) => !given.includes("*"));
    found.push({ id: person.id, score: exact ? 1 : 0.9 });
  }
  return { kind: "matches", hits: found.sort((a, b) => b.score - a.score) };
}

export function answerSearch(criteria: SearchCriteria, population: Iterable<FhirPatient>): { answer: SearchAnswer; scenario: string } {
  const scenario = SCENARIOS.find((candidate) => candidate.when(criteria));
  const answer = scenario ? scenario.answer(criteria) : genuineSearch(criteria, population);
  if (answer.kind === "matches" && criteria.maxResults !== undefined && answer.hits.length > criteria.maxResults) {
    return { answer: { kind: "too-many" }, scenario: scenario?.name ?? "genuine search" };
  }
  return { answer, scenario: scenario?.name ?? "genuine search" };
}
