import { randomUUID } from "node:crypto";
import type { FastifyInstance, FastifyReply } from "fastify";
import { NHS_APIS } from "../../lib/nhs/catalogue";
import { sendFhir } from "../common/fhir";
import type { TokenStore } from "../identity/tokens";
import { CONCEPTS, RELEASES, UK_EDITION, type Release, type StandInConcept } from "./concepts";

export const TERMINOLOGY_BASE_PATH = NHS_APIS.terminology.basePath;
export const TERMINOLOGY_TOKEN_PATH = NHS_APIS.terminology.tokenPath;
const SNOMED = "http://snomed.info/sct";
const IMPLICIT_ECL = `${SNOMED}?fhir_vs=ecl/`;
/** Keycloak's default access token lifetime on the Terminology Server's realm. */
const TOKEN_SECONDS = 300;
/** An expansion larger than this is refused as too costly, as the Terminology Server refuses a whole-hierarchy expand. */
const MAX_EXPANSION = 500;

/** A system account registered on the Terminology Server's authorisation server. */
export interface TerminologyClient {
  clientId: string;
  clientSecret: string;
}

/** The stand-in Terminology Server's state: which release it serves by default (a new release replaces it). */
export class TerminologyServer {
  currentRelease: Release = RELEASES[RELEASES.length - 1]!;
  private readonly byCode = new Map(CONCEPTS.map((concept) => [concept.code, concept]));
  private readonly children = new Map<string, StandInConcept[]>();

  constructor(readonly clients: TerminologyClient[]) {
    for (const concept of CONCEPTS) for (const parent of concept.parents) this.children.set(parent, [...(this.children.get(parent) ?? []), concept]);
  }

  private inRelease(concept: StandInConcept, release: Release) {
    return !concept.since || RELEASES.indexOf(concept.since) <= RELEASES.indexOf(release);
  }

  concept(code: string, release: Release): { code: string; display: string } | undefined {
    const concept = this.byCode.get(code);
    if (!concept || !this.inRelease(concept, release)) return undefined;
    const earlier = concept.earlierDisplay && RELEASES.indexOf(release) < RELEASES.indexOf(concept.earlierDisplay.until);
    return { code: concept.code, display: earlier ? concept.earlierDisplay!.display : concept.display };
  }

  private descendants(code: string, release: Release, into: Set<string>) {
    for (const child of this.children.get(code) ?? []) {
      if (!this.inRelease(child, release) || into.has(child.code)) continue;
      into.add(child.code);
      this.descendants(child.code, release, into);
    }
  }

  /** The codes an ECL expression of this stand-in's subset selects: `<< c`, `< c` or `c`, joined by OR. Null if it cannot parse it. */
  evaluate(ecl: string, release: Release): string[] | null {
    const codes = new Set<string>();
    for (const part of ecl.split(/\s+OR\s+/i)) {
      const match = /^\s*(<<|<)?\s*(\d{6,18})\s*(\|[^|]*\|)?\s*$/.exec(part);
      if (!match) return null;
      const [, operator, code] = match;
      if (operator !== "<" && this.concept(code!, release)) codes.add(code!);
      if (operator) this.descendants(code!, release, codes);
    }
    return [...codes];
  }
}

/** A release named by a version parameter: the edition's version URI (with or without the system before a `|`); absent, the current one. */
function releaseOf(server: TerminologyServer, value: string | undefined): Release | null | undefined {
  if (value === undefined || value === "") return server.currentRelease;
  const version = value.includes("|") ? value.slice(value.indexOf("|") + 1) : value;
  if (value.includes("|") && value.slice(0, value.indexOf("|")) !== SNOMED) return null;
  if (version === UK_EDITION) return server.currentRelease;
  return (RELEASES as readonly string[]).includes(version) ? (version as Release) : null;
}

function problem(reply: FastifyReply, status: 400 | 404 | 422, issueCode: string, diagnostics: string) {
  return sendFhir(reply, status, {
    resourceType: "OperationOutcome",
    id: randomUUID(),
    issue: [{ severity: "error", code: issueCode, diagnostics }],
  });
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Every word typed starts a word of the term, in any order, as the Terminology Server's filter matches. */
function matchesFilter(display: string, filter: string) {
  const words = display.toLowerCase().split(/[^a-z0-9.]+/);
  return filter
    .toLowerCase()
    .split(/[^a-z0-9.]+/)
    .filter(Boolean)
    .every((typed) => words.some((word) => word.startsWith(typed)));
}

export function registerTerminology(app: FastifyInstance, server: TerminologyServer, tokens: TokenStore) {
  app.post<{ Body: Record<string, string | undefined> }>(TERMINOLOGY_TOKEN_PATH, async (request, reply) => {
    const form = request.body ?? {};
    reply.header("cache-control", "no-store");
    if (form.grant_type !== "client_credentials") {
      return reply.code(400).send({ error: "unsupported_grant_type", error_description: "Unsupported grant_type" });
    }
    const client = server.clients.find((candidate) => candidate.clientId === form.client_id);
    if (!client || client.clientSecret !== form.client_secret) {
      return reply.code(401).send({ error: "unauthorized_client", error_description: "Invalid client or Invalid client credentials" });
    }
    const issued = tokens.issueAccessToken({ kind: "terminology-system", clientId: client.clientId });
    return reply.send({
      access_token: issued.accessToken,
      expires_in: TOKEN_SECONDS,
      refresh_expires_in: 0,
      token_type: "Bearer",
      "not-before-policy": 0,
      scope: "profile email",
    });
  });

  app.get<{ Querystring: Record<string, string | string[] | undefined> }>(`${TERMINOLOGY_BASE_PATH}/ValueSet/$expand`, async (request, reply) => {
    const url = single(request.query.url);
    if (!url) return problem(reply, 400, "required", "The url parameter (the value set to expand) is required");
    if (!url.startsWith(IMPLICIT_ECL)) return problem(reply, 404, "not-found", `Unable to find value set ${url}`);
    const release = releaseOf(server, single(request.query["system-version"]));
    if (!release) return problem(reply, 404, "not-found", `Unknown code system version ${single(request.query["system-version"])}`);
    const codes = server.evaluate(url.slice(IMPLICIT_ECL.length), release);
    if (!codes) return problem(reply, 400, "invalid", "Unable to parse the ECL expression");
    if (codes.length > MAX_EXPANSION) return problem(reply, 422, "too-costly", `The expansion has more than ${MAX_EXPANSION} concepts; add a filter`);
    const filter = (single(request.query.filter) ?? "").trim();
    const count = Number(single(request.query.count) ?? "100");
    const offset = Number(single(request.query.offset) ?? "0");
    if (!Number.isInteger(count) || count < 0 || count > 1000 || !Number.isInteger(offset) || offset < 0) {
      return problem(reply, 400, "invalid", "count and offset must be whole numbers (count at most 1000)");
    }
    const matches = codes
      .map((code) => server.concept(code, release)!)
      .filter((concept) => !filter || matchesFilter(concept.display, filter))
      .sort((a, b) => a.display.length - b.display.length || a.display.localeCompare(b.display));
    return sendFhir(reply, 200, {
      resourceType: "ValueSet",
      url,
      status: "active",
      expansion: {
        identifier: `urn:uuid:${randomUUID()}`,
        timestamp: new Date().toISOString(),
        total: matches.length,
        offset,
        parameter: [
          { name: "version", valueUri: `${SNOMED}|${release}` },
          ...(filter ? [{ name: "filter", valueString: filter }] : []),
          { name: "count", valueInteger: count },
        ],
        contains: matches.slice(offset, offset + count).map((concept) => ({ system: SNOMED, version: release, code: concept.code, display: concept.display })),
      },
    });
  });

  app.get<{ Querystring: Record<string, string | string[] | undefined> }>(`${TERMINOLOGY_BASE_PATH}/CodeSystem/$lookup`, async (request, reply) => {
    const system = single(request.query.system);
    const code = single(request.query.code);
    if (!system || !code) return problem(reply, 400, "required", "The system and code parameters are required");
    if (system !== SNOMED) return problem(reply, 404, "not-found", `Unable to find code system ${system}`);
    const release = releaseOf(server, single(request.query.version));
    if (!release) return problem(reply, 404, "not-found", `Unknown code system version ${single(request.query.version)}`);
    const concept = server.concept(code, release);
    if (!concept) return problem(reply, 404, "not-found", `Unable to find code ${code} in ${SNOMED} version ${release}`);
    return sendFhir(reply, 200, {
      resourceType: "Parameters",
      parameter: [
        { name: "name", valueString: "SNOMED CT UK Edition" },
        { name: "version", valueString: release },
        { name: "display", valueString: concept.display },
        {
          name: "designation",
          part: [
            { name: "language", valueCode: "en" },
            { name: "use", valueCoding: { system: SNOMED, code: "900000000000548007", display: "Preferred" } },
            { name: "value", valueString: concept.display },
          ],
        },
      ],
    });
  });

  // a new release, for tests and journeys of the version semantics
  app.post<{ Body: { release?: string } }>("/_stand-in/terminology/release", async (request, reply) => {
    const release = request.body?.release;
    if (!release || !(RELEASES as readonly string[]).includes(release)) return reply.code(400).send({ error: `release must be one of ${RELEASES.join(", ")}` });
    server.currentRelease = release as Release;
    return reply.code(204).send();
  });
}
