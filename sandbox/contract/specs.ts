import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, rename, stat, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import $RefParser, { type ParserOptions } from "@apidevtools/json-schema-ref-parser";
import { load as parseYaml } from "js-yaml";
import type { StandInApi } from "../common/apis";

/**
 * The published OpenAPI spec each stand-in API is checked against, as a path under the NHS specs folder
 * (../shared/nhs-specs beside the repository; see its SOURCES.md for the repository and commit of each).
 * An API absent here is not checked; CONTRACT_UNCHECKED says why.
 */
export const CONTRACT_SPECS = {
  pds: "pds/specification/personal-demographics.yaml",
  scr: "scr/specification/summary-care-record.yaml",
  eps: "eps/clinical-prescription-tracker/specification/eps-clinical-prescription-tracker-api.yaml",
  ers: "ers/specification/e-referrals-service-api.yaml",
  // the production spec (1.0.0), which the stand-in and the app follow; 1.4.0 is an alpha
  bars: "bars/specification/booking-and-referral.yaml",
  immunisation: "immunisation/immunisation-fhir-api/specification/immunisation-fhir-api.yaml",
  nrl: "nrl/consumer/consumer.yaml",
  ods: "ods/specification/organisation-data-terminology-api.yaml",
  "service-search": "dohs/specification/service-search-api.yaml",
  sds: "sds/specification/spine-directory-service.yaml",
  identity: "identity/specification/identity-service.yaml",
  "website-content": "website-content/specification/nhs-website-content-api.yaml",
  "nhs-app": "nhs-app/specification/nhs-app.yaml",
} as const satisfies Partial<Record<StandInApi, string>>;

export type ContractApi = keyof typeof CONTRACT_SPECS;

/** What the stand-in serves that no published OpenAPI spec describes. */
export const CONTRACT_UNCHECKED: Partial<Record<StandInApi, string>> = {
  cis2: "CIS2 is an OpenID Connect provider: NHS England publishes no OpenAPI spec for it, and the mock is oidc-provider itself",
  terminology:
    "The NHS England Terminology Server is a FHIR R4 terminology server (ValueSet/$expand, CodeSystem/$lookup) with no OpenAPI spec; its examples (NHSDigital/TerminologyServer) are curl snippets, not among the copied specs",
  gpconnect:
    "GP Connect (through the Spine Secure Proxy) publishes FHIR STU3 profiles and example bundles, not an OpenAPI spec; the client's unit tests parse the published examples instead",
  "terminology-auth": "The Terminology Server's Keycloak token endpoint: standard OAuth client credentials, with no OpenAPI spec published",
  mesh: "Not yet checked (issue 23): MESH's spec (mesh/specification/mesh-api.yaml) puts /messageexchange in its paths rather than a base path, and its bodies are bytes, not JSON; the checker needs both before it can take it",
};

export const isContractApi = (api: StandInApi | undefined): api is ContractApi => api !== undefined && api in CONTRACT_SPECS;

/** Where the NHS specs are, for tests: NHS_SPECS_DIR, or ../shared/nhs-specs beside the repository (the working directory). */
export function nhsSpecsDir(env: Record<string, string | undefined> = process.env): string {
  return resolve(env.NHS_SPECS_DIR || "../shared/nhs-specs");
}

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** One operation of a spec, with JSON pointers into the bundled document for what the checker compiles. */
export interface SpecParameter {
  name: string;
  in: "path" | "query" | "header";
  required: boolean;
  schemaPointer: string | null;
}

export interface SpecOperation {
  /** "GET /Patient/{id}": the method and the path below the API's base path, as the spec writes it. */
  name: string;
  method: string;
  template: string;
  matcher: RegExp;
  /** How many path segments are parameters: a literal path wins over a template that also matches. */
  parameterCount: number;
  parameters: SpecParameter[];
  requestBody: { required: boolean; content: Record<string, string | null> } | null;
  /** By status key ("200", "4XX", "default"): each documented media type and where its schema is, if it has one. */
  responses: Record<string, Record<string, string | null>>;
}

export interface LoadedSpec {
  api: ContractApi;
  file: string;
  document: JsonObject;
  operations: SpecOperation[];
  /**
   * References the checker does not follow: files the published copy leaves out, and remote components (it
   * never fetches). What they describe is not checked.
   */
  unresolved: string[];
}

const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

const escapePointer = (segment: string) => segment.replace(/~/g, "~0").replace(/\//g, "~1");
const unescapePointer = (segment: string) => segment.replace(/~1/g, "/").replace(/~0/g, "~");

/**
 * Examples take most of the specs' bytes and many refer to files the published copy leaves out; the checker
 * never reads them. Kept where `example` is the name of a property being described.
 */
function withoutExamples(value: unknown, parentKey?: string): unknown {
  if (Array.isArray(value)) return value.map((item) => withoutExamples(item));
  if (value === null || typeof value !== "object") return value;
  const entries = Object.entries(value as Record<string, unknown>).filter(([key]) => parentKey === "properties" || (key !== "example" && key !== "examples"));
  return Object.fromEntries(entries.map(([key, item]) => [key, withoutExamples(item, key)]));
}

/** Keys whose value is a map of names (or a list), where a $ref cannot stand in for the whole value. */
const NAME_MAPS = new Set([
  "properties",
  "patternProperties",
  "definitions",
  "$defs",
  "components",
  "schemas",
  "parameters",
  "requestBodies",
  "responses",
  "headers",
  "securitySchemes",
  "links",
  "callbacks",
  "content",
  "encoding",
  "paths",
  "variables",
  "mapping",
]);

/**
 * A dereferenced spec is a graph: an object used in several places (or inside itself) is one object. This
 * makes it a tree again, which a JSON Schema validator can compile: a later use of an object becomes a $ref
 * to where it first appears, except where a $ref may not stand (a map of names, a list), which gets a copy.
 */
function asTree(root: unknown): JsonObject {
  const firstSeenAt = new Map<object, string>();
  const visit = (value: unknown, pointer: string, parentKey: string | undefined): JsonValue => {
    if (value === null || typeof value !== "object") return value as JsonValue;
    const seen = firstSeenAt.get(value);
    const referable = !Array.isArray(value) && !NAME_MAPS.has(parentKey ?? "");
    if (seen !== undefined && referable) return { $ref: `#${seen}` };
    if (seen === undefined) firstSeenAt.set(value, pointer);
    if (Array.isArray(value)) return value.map((item, index) => visit(item, `${pointer}/${index}`, undefined));
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, visit(item, `${pointer}/${escapePointer(key)}`, key)]));
  };
  return visit(root, "", undefined) as JsonObject;
}

/**
 * Reads a spec and every file it refers to into one document with internal references only. (The
 * library's bundle() leaves a reference from another file back into the root file as it was, so this
 * dereferences and then makes the result a tree.)
 */
async function bundle(file: string): Promise<{ document: JsonObject; unresolved: string[] }> {
  const unresolved: string[] = [];
  const parseFile = async (path: string): Promise<unknown> => {
    let text: string;
    try {
      text = await readFile(path, "utf8");
    } catch (error) {
      // without the spec itself there is nothing to check against: say so rather than check against nothing
      if (path === file) throw error;
      unresolved.push(path);
      return {};
    }
    return withoutExamples(path.endsWith(".json") ? JSON.parse(text) : parseYaml(text));
  };
  const dereferenced = await $RefParser.dereference(file, {
    resolve: {
      http: false,
      file: {
        order: 1,
        canRead: true,
        read: async ({ url }: { url: string }) => {
          // never the network: a remote component (a security scheme) stays unresolved
          if (/^https?:/.test(url)) {
            unresolved.push(url);
            return "{}";
          }
          return JSON.stringify(await parseFile(decodeURIComponent(url.replace(/^file:\/\//, ""))));
        },
      },
    },
    parse: { json: { order: 1, canParse: true } },
  } as unknown as ParserOptions);
  return { document: asTree(dereferenced), unresolved };
}

/** Follows internal $refs from a pointer; answers the node reached and its pointer. */
export function resolvePointer(document: JsonObject, pointer: string): { node: JsonValue | undefined; pointer: string } {
  let current = pointer;
  for (let hops = 0; hops < 20; hops++) {
    let node: JsonValue | undefined = document;
    for (const segment of current.split("/").slice(1)) {
      if (node === null || typeof node !== "object") return { node: undefined, pointer: current };
      node = (node as Record<string, JsonValue>)[unescapePointer(segment)];
    }
    const ref = node && typeof node === "object" && !Array.isArray(node) ? node.$ref : undefined;
    if (typeof ref !== "string" || !ref.startsWith("#")) return { node, pointer: current };
    current = ref.slice(1);
  }
  return { node: undefined, pointer: current };
}

const objectAt = (document: JsonObject, pointer: string) => {
  const resolved = resolvePointer(document, pointer);
  const node = resolved.node;
  return node && typeof node === "object" && !Array.isArray(node) ? { node, pointer: resolved.pointer } : undefined;
};

/** Media types and the pointer to each one's schema, from a response or request body object. */
function contentOf(document: JsonObject, pointer: string): Record<string, string | null> {
  const content = objectAt(document, `${pointer}/content`);
  if (!content) return {};
  return Object.fromEntries(
    Object.keys(content.node).map((mediaType) => {
      const schema = objectAt(document, `${content.pointer}/${escapePointer(mediaType)}/schema`);
      return [mediaType, schema ? `${content.pointer}/${escapePointer(mediaType)}/schema` : null];
    }),
  );
}

function operationsOf(document: JsonObject): SpecOperation[] {
  const paths = objectAt(document, "/paths");
  if (!paths) return [];
  const operations: SpecOperation[] = [];
  for (const template of Object.keys(paths.node)) {
    const pathItem = objectAt(document, `${paths.pointer}/${escapePointer(template)}`);
    if (!pathItem) continue;
    const parametersAt = (pointer: string): SpecParameter[] => {
      const list = resolvePointer(document, `${pointer}/parameters`).node;
      if (!Array.isArray(list)) return [];
      return list.flatMap((_, index): SpecParameter[] => {
        const parameter = objectAt(document, `${resolvePointer(document, `${pointer}/parameters`).pointer}/${index}`);
        if (!parameter) return [];
        const { name, in: location, required } = parameter.node;
        if (typeof name !== "string" || (location !== "path" && location !== "query" && location !== "header")) return [];
        const schema = objectAt(document, `${parameter.pointer}/schema`);
        return [{ name, in: location, required: required === true || location === "path", schemaPointer: schema ? `${parameter.pointer}/schema` : null }];
      });
    };
    const shared = parametersAt(pathItem.pointer);
    for (const method of HTTP_METHODS) {
      const operation = objectAt(document, `${pathItem.pointer}/${method}`);
      if (!operation) continue;
      const own = parametersAt(operation.pointer);
      // an operation's parameter overrides the path item's of the same name and location
      const parameters = [...shared.filter((p) => !own.some((o) => o.name === p.name && o.in === p.in)), ...own];
      const body = objectAt(document, `${operation.pointer}/requestBody`);
      const responses = objectAt(document, `${operation.pointer}/responses`);
      const segments = template.split("/");
      operations.push({
        name: `${method.toUpperCase()} ${template}`,
        method: method.toUpperCase(),
        template,
        matcher: new RegExp(
          // a "*" segment (the Website Content API's /conditions/*) stands for the rest of the path: any page below
          `^${segments.map((segment) => (/^\{[^}]+\}$/.test(segment) ? "[^/]+" : segment === "*" ? ".+" : segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))).join("/")}/?$`,
        ),
        parameterCount: segments.filter((segment) => /^\{[^}]+\}$/.test(segment)).length,
        parameters,
        requestBody: body ? { required: body.node.required === true, content: contentOf(document, body.pointer) } : null,
        responses: responses
          ? Object.fromEntries(
              Object.keys(responses.node).map((status) => {
                const response = objectAt(document, `${responses.pointer}/${escapePointer(status)}`);
                return [status.toUpperCase(), response ? contentOf(document, response.pointer) : {}];
              }),
            )
          : {},
      });
    }
  }
  return operations;
}

/** Loads and indexes one API's spec. */
/** Where read specs are kept between processes: reading e-RS's spread over its hundreds of files takes a second. */
export const SPEC_CACHE_DIR = ".local/contract-cache";

/** A key that changes when any file of the API's folder of specs does. */
async function folderKey(file: string, specsDir: string, api: ContractApi): Promise<string> {
  const folder = resolve(specsDir, CONTRACT_SPECS[api].split("/")[0]);
  const names = (await readdir(folder, { recursive: true })).sort();
  const hash = createHash("sha256").update(file);
  for (const name of names) {
    const info = await stat(join(folder, name));
    if (info.isFile()) hash.update(`${name}:${info.size}:${info.mtimeMs}`);
  }
  return hash.digest("hex").slice(0, 16);
}

/** Loads and indexes one API's spec; a copy read before, by any process, when its files have not changed since. */
export async function loadSpec(api: ContractApi, specsDir: string, cacheDir: string | null = SPEC_CACHE_DIR): Promise<LoadedSpec> {
  const file = resolve(specsDir, CONTRACT_SPECS[api]);
  const cached = cacheDir ? resolve(cacheDir, `${api}-${await folderKey(file, specsDir, api)}.json`) : null;
  let read: { document: JsonObject; unresolved: string[] } | undefined;
  if (cached) {
    try {
      read = JSON.parse(await readFile(cached, "utf8"));
    } catch {
      // not read before, or the copy is unreadable: read the spec itself
    }
  }
  if (!read) {
    read = await bundle(file);
    if (cached) {
      // written whole or not at all, since test files in other processes may read it meanwhile
      const partial = `${cached}.${process.pid}.tmp`;
      await mkdir(dirname(cached), { recursive: true });
      await writeFile(partial, JSON.stringify(read));
      await rename(partial, cached);
    }
  }
  return { api, file, document: read.document, operations: operationsOf(read.document), unresolved: read.unresolved };
}

/** The spec operation a request is for: the literal path before a template, as a router does. */
export function findOperation(spec: LoadedSpec, method: string, pathBelowBase: string): SpecOperation | undefined {
  return spec.operations
    .filter((operation) => operation.method === method && operation.matcher.test(pathBelowBase || "/"))
    .sort((a, b) => a.parameterCount - b.parameterCount)[0];
}

/** Path parameter values by name, decoded. */
export function pathParameters(operation: SpecOperation, pathBelowBase: string): Record<string, string> {
  const names = operation.template.split("/");
  const values = (pathBelowBase || "/").replace(/\/$/, "").split("/");
  const result: Record<string, string> = {};
  names.forEach((segment, index) => {
    const match = /^\{([^}]+)\}$/.exec(segment);
    if (match && values[index] !== undefined) {
      try {
        result[match[1]] = decodeURIComponent(values[index]);
      } catch {
        result[match[1]] = values[index];
      }
    }
  });
  return result;
}
