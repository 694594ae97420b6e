import Ajv, { type ErrorObject, type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import { UNDOCUMENTED_OPERATIONS } from "./exceptions";
import type { StandInApi } from "../common/apis";
import {
  CONTRACT_SPECS,
  type ContractApi,
  findOperation,
  isContractApi,
  type LoadedSpec,
  loadSpec,
  pathParameters,
  resolvePointer,
  type SpecOperation,
} from "./specs";

export type Direction = "request" | "response";

/**
 * One way an exchange departs from the API's published spec. Names and pointers only: never a value from
 * the request or the response, so no patient data reaches a report or a log.
 */
export interface Violation {
  api: ContractApi;
  /** "GET /Patient/{id}"; for a request the spec has no operation for, the method and the path's shape. */
  operation: string;
  direction: Direction;
  /** The response's status, for a response violation. */
  status?: number;
  /**
   * Where: /path/<name>, /query/<name>, /header/<lower-case name>, /body/… (array indices as *), /status, /content-type,
   * or "" for the operation as a whole.
   */
  pointer: string;
  /** The failed rule: a JSON Schema keyword (type, enum, additionalProperties…) or the checker's own (unknown-operation, unknown-parameter, repeated, status, content-type, json). */
  rule: string;
  message: string;
}

/**
 * A reviewed departure from a spec that the stand-in keeps on purpose, because the NHS's own service does
 * the same: see sandbox/contract/exceptions.ts.
 */
export interface ContractException {
  id: string;
  api: ContractApi;
  /** The operation as Violation.operation names it. */
  operation: string;
  direction: Direction;
  /** The violation's pointer exactly, or a prefix ending in "/**" for everything below it. */
  pointer: string;
  /** Only violations of this rule; any rule when absent. */
  rule?: string;
  reason: string;
  /** What shows the NHS service departs from its spec this way: a file and line, or a reference section. */
  source: string;
}

export interface ReportedViolation extends Violation {
  count: number;
  /** The exception that covers it, by id; null when nothing does. */
  exceptedBy: string | null;
}

export interface ContractReport {
  /** Exchanges checked, by API and operation. */
  checked: Record<string, number>;
  violations: ReportedViolation[];
  /** How many distinct violations no exception covers. */
  unexcepted: number;
  /** What the checker could not check: schemas it could not compile, references it did not follow. */
  notes: string[];
}

/** One request and its answer, as the stand-in saw them. */
export interface Exchange {
  api: StandInApi | undefined;
  basePath: string;
  method: string;
  /** Path and query, as requested. */
  url: string;
  requestHeaders: Record<string, string | string[] | undefined>;
  /** The parsed body (JSON or form), if any. */
  requestBody: unknown;
  status: number;
  responseContentType: string | undefined;
  /** The body as sent. */
  responseBody: string | Buffer | null | undefined;
}

const indexFree = (pointer: string) => pointer.replace(/\/\d+(?=\/|$)/g, "/*");
const escapeSegment = (segment: string) => segment.replace(/~/g, "~0").replace(/\//g, "~1");
const mediaTypeOf = (contentType: string | undefined) => (contentType ?? "").split(";")[0].trim().toLowerCase();
const headerValue = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** The keys of each schema keyword's parameters that name a property or an allowed value: never data. */
function describe(error: ErrorObject): { pointer: string; message: string } {
  const at = indexFree(error.instancePath);
  const params = error.params as Record<string, unknown>;
  if (error.keyword === "additionalProperties") {
    return { pointer: `${at}/${escapeSegment(String(params.additionalProperty))}`, message: "is not allowed by the spec (additionalProperties)" };
  }
  if (error.keyword === "required") return { pointer: `${at}/${escapeSegment(String(params.missingProperty))}`, message: "is required by the spec" };
  if (error.keyword === "enum") return { pointer: at, message: `must be one of ${JSON.stringify(params.allowedValues)}` };
  if (error.keyword === "const") return { pointer: at, message: `must be ${JSON.stringify(params.allowedValue)}` };
  return { pointer: at, message: error.message ?? error.keyword };
}

/** The properties that say which choice of an anyOf or oneOf an object is meant to be: a FHIR resource's type, an extension's url, a parameter's name. */
const DISCRIMINATORS = ["resourceType", "url", "name"];

/**
 * When no branch of an anyOf or oneOf matches, the validator reports every branch's failures; a FHIR
 * extension list has a branch per extension, so that buries what is wrong. This keeps the failures of the
 * branch the value was meant for (its resourceType or url matches; the fewest failures among those), or,
 * when it matches no branch's resourceType or url, one failure there naming the values the spec allows.
 */
function closestBranches(errors: ErrorObject[]): ErrorObject[] {
  let kept = errors;
  const combinators = errors
    .filter((error) => error.keyword === "anyOf" || error.keyword === "oneOf")
    .sort((a, b) => a.schemaPath.length - b.schemaPath.length);
  for (const combinator of combinators) {
    if (!kept.includes(combinator)) continue;
    const branchOf = (error: ErrorObject) => {
      if (error === combinator || !error.schemaPath.startsWith(`${combinator.schemaPath}/`) || !error.instancePath.startsWith(combinator.instancePath))
        return undefined;
      return error.schemaPath.slice(combinator.schemaPath.length + 1).split("/")[0];
    };
    // a oneOf that more than one branch matches: the overlap is the finding, not the branches that did not match
    if ((combinator.params as { passingSchemas?: unknown }).passingSchemas) {
      kept = kept.filter((error) => branchOf(error) === undefined);
      continue;
    }
    const byBranch = new Map<string, ErrorObject[]>();
    for (const error of kept) {
      const branch = branchOf(error);
      if (branch !== undefined) byBranch.set(branch, [...(byBranch.get(branch) ?? []), error]);
    }
    if (byBranch.size === 0) continue;
    const discriminatorFailure = (error: ErrorObject) =>
      (error.keyword === "enum" || error.keyword === "const") && DISCRIMINATORS.some((name) => error.instancePath === `${combinator.instancePath}/${name}`);
    const meant = [...byBranch.entries()].filter(([, failures]) => !failures.some(discriminatorFailure)).sort((a, b) => a[1].length - b[1].length)[0];
    const others = kept.filter((error) => error !== combinator && branchOf(error) === undefined);
    if (meant) {
      kept = [...others, ...meant[1]];
      continue;
    }
    const failures = [...byBranch.values()].flat().filter(discriminatorFailure);
    const allowed = [
      ...new Set(failures.flatMap((error) => (error.keyword === "enum" ? (error.params.allowedValues as unknown[]) : [error.params.allowedValue]))),
    ];
    kept = [...others, { ...failures[0], keyword: "enum", params: { allowedValues: allowed }, schemaPath: combinator.schemaPath }];
  }
  return kept;
}

interface CompiledSpec {
  spec: LoadedSpec;
  bodies: Ajv;
  /** Parameters and form bodies arrive as text: this one coerces them to the schema's types. */
  parameters: Ajv;
  validators: Map<string, ValidateFunction | null>;
}

const AJV_OPTIONS = {
  // OpenAPI 3.0 schema objects: its keywords (nullable, example, discriminator, x-…) alongside JSON Schema's
  strict: false,
  allErrors: true,
  // the specs are checked by their owners; some carry draft-4 forms that a meta-schema check would refuse
  validateSchema: false,
  // several specs escape characters that need no escape (\_), which a unicode pattern refuses
  unicodeRegExp: false,
  // each schema is compiled once and checks a few hundred exchanges at most: compiling fast matters more than
  // the generated code's last percent
  code: { optimize: false },
  logger: { log() {}, warn() {}, error: console.error },
} as const;

/**
 * Checks each exchange the stand-in handles against its API's published OpenAPI spec: the request the
 * caller sent (operation, path, query and header parameters, body) and the response the stand-in gave
 * (documented status, media type, body schema). Specs load on first use and each schema compiles once.
 */
export class ContractChecker {
  private readonly specs = new Map<ContractApi, Promise<CompiledSpec>>();
  private readonly violations = new Map<string, ReportedViolation>();
  private readonly checked = new Map<string, number>();
  private readonly notes = new Set<string>();
  private readonly byRequestId = new Map<string, Violation[]>();
  private pending = new Set<Promise<void>>();

  constructor(
    private readonly specsDir: string,
    private readonly exceptions: readonly ContractException[],
  ) {}

  /** Checks an exchange after it has been answered; idle() resolves when every observed exchange is checked. */
  observe(exchange: Exchange, requestId?: string) {
    if (!isContractApi(exchange.api)) return;
    const task = this.check(exchange)
      .then((found) => {
        for (const violation of found) this.record(violation);
        if (requestId) {
          this.byRequestId.set(requestId, found);
          if (this.byRequestId.size > 1000) this.byRequestId.delete(this.byRequestId.keys().next().value!);
        }
      })
      .catch((error: Error) => {
        this.notes.add(`the check itself failed: ${error.message}`);
      })
      .finally(() => this.pending.delete(task));
    this.pending.add(task);
  }

  async idle() {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  /** What an observed exchange, by its X-Request-ID, departed from (including what exceptions cover). */
  violationsFor(requestId: string): Violation[] | undefined {
    return this.byRequestId.get(requestId);
  }

  exceptionFor(violation: Violation): ContractException | undefined {
    return this.exceptions.find(
      (exception) =>
        exception.api === violation.api &&
        exception.operation === violation.operation &&
        exception.direction === violation.direction &&
        (exception.rule === undefined || exception.rule === violation.rule) &&
        (exception.pointer === violation.pointer || (exception.pointer.endsWith("/**") && `${violation.pointer}/`.startsWith(exception.pointer.slice(0, -2)))),
    );
  }

  report(): ContractReport {
    const violations = [...this.violations.values()];
    return {
      checked: Object.fromEntries(this.checked),
      violations,
      unexcepted: violations.filter((violation) => violation.exceptedBy === null).length,
      notes: [...this.notes],
    };
  }

  clear() {
    this.violations.clear();
    this.checked.clear();
    this.byRequestId.clear();
  }

  private record(violation: Violation) {
    const key = JSON.stringify([
      violation.api,
      violation.operation,
      violation.direction,
      violation.status,
      violation.pointer,
      violation.rule,
      violation.message,
    ]);
    const seen = this.violations.get(key);
    if (seen) seen.count++;
    else this.violations.set(key, { ...violation, count: 1, exceptedBy: this.exceptionFor(violation)?.id ?? null });
  }

  private compiled(api: ContractApi): Promise<CompiledSpec> {
    let compiled = this.specs.get(api);
    if (!compiled) {
      compiled = loadSpec(api, this.specsDir).then((spec) => {
        const bodies = new Ajv(AJV_OPTIONS);
        const parameters = new Ajv({ ...AJV_OPTIONS, coerceTypes: "array" });
        for (const ajv of [bodies, parameters]) {
          addFormats(ajv);
          ajv.addSchema(spec.document, "spec");
        }
        for (const reference of spec.unresolved) this.notes.add(`${api}: not checked, not in the published copy or remote: ${reference}`);
        return { spec, bodies, parameters, validators: new Map() };
      });
      this.specs.set(api, compiled);
    }
    return compiled;
  }

  private validator(compiled: CompiledSpec, ajv: "bodies" | "parameters", pointer: string): ValidateFunction | null {
    const key = `${ajv}#${pointer}`;
    if (!compiled.validators.has(key)) {
      try {
        compiled.validators.set(key, compiled[ajv].compile({ $ref: `spec#${pointer}` }));
      } catch (error) {
        this.notes.add(`${compiled.spec.api}: schema at ${pointer} not checked, it does not compile: ${(error as Error).message}`);
        compiled.validators.set(key, null);
      }
    }
    return compiled.validators.get(key)!;
  }

  /** The exchange's departures from its API's spec. */
  async check(exchange: Exchange): Promise<Violation[]> {
    if (!isContractApi(exchange.api)) return [];
    const api = exchange.api;
    let compiled: CompiledSpec;
    try {
      compiled = await this.compiled(api);
    } catch (error) {
      return [
        {
          api,
          operation: "(spec)",
          direction: "response",
          pointer: "",
          rule: "spec-unavailable",
          message: `the spec ${CONTRACT_SPECS[api]} could not be read: ${(error as Error).message}`,
        },
      ];
    }
    const [rawPath, query = ""] = exchange.url.split("?", 2);
    const below = rawPath.slice(exchange.basePath.length) || "/";
    const operation = findOperation(compiled.spec, exchange.method.toUpperCase(), below);
    if (!operation) {
      const undocumented = UNDOCUMENTED_OPERATIONS.find(
        (entry) => entry.api === api && entry.method === exchange.method.toUpperCase() && entry.matcher.test(below),
      );
      if (undocumented) {
        const key = `${api} ${undocumented.method} ${undocumented.path} (undocumented)`;
        this.checked.set(key, (this.checked.get(key) ?? 0) + 1);
        return [];
      }
      return [
        {
          api,
          // the path's shape only: its segments could carry an NHS number
          operation: `${exchange.method.toUpperCase()} ${below.replace(/\/[^/]*\d[^/]*/g, "/{…}")}`,
          direction: "request",
          pointer: "",
          rule: "unknown-operation",
          message: "the spec has no operation for this method and path",
        },
      ];
    }
    const name = `${api} ${operation.name}`;
    this.checked.set(name, (this.checked.get(name) ?? 0) + 1);
    return [...this.checkRequest(compiled, operation, below, query, exchange), ...this.checkResponse(compiled, operation, exchange)];
  }

  private schemaType(compiled: CompiledSpec, pointer: string): unknown {
    const node = resolvePointer(compiled.spec.document, pointer).node;
    return node && typeof node === "object" && !Array.isArray(node) ? node.type : undefined;
  }

  private checkRequest(compiled: CompiledSpec, operation: SpecOperation, below: string, query: string, exchange: Exchange): Violation[] {
    const found: Violation[] = [];
    const violation = (pointer: string, rule: string, message: string) =>
      found.push({ api: compiled.spec.api, operation: operation.name, direction: "request", pointer, rule, message });
    const validate = (pointer: string, schemaPointer: string | null, value: unknown) => {
      if (!schemaPointer) return;
      const check = this.validator(compiled, "parameters", schemaPointer);
      if (!check) return;
      if (!check(value)) {
        for (const error of closestBranches(check.errors ?? [])) {
          const described = describe(error);
          violation(`${pointer}${described.pointer}`, error.keyword, described.message);
        }
      }
    };

    const pathValues = pathParameters(operation, below);
    const search = new URLSearchParams(query);
    const queryNames = new Set(search.keys());
    for (const parameter of operation.parameters) {
      const pointer = `/${parameter.in}/${escapeSegment(parameter.in === "header" ? parameter.name.toLowerCase() : parameter.name)}`;
      if (parameter.in === "path") {
        validate(pointer, parameter.schemaPointer, pathValues[parameter.name]);
      } else if (parameter.in === "query") {
        queryNames.delete(parameter.name);
        const values = search.getAll(parameter.name);
        if (values.length === 0) {
          if (parameter.required) violation(pointer, "required", "is required by the spec");
          continue;
        }
        const isArray = parameter.schemaPointer !== null && this.schemaType(compiled, parameter.schemaPointer) === "array";
        if (!isArray && values.length > 1) violation(pointer, "repeated", `is given ${values.length} times; the spec takes one value`);
        validate(pointer, parameter.schemaPointer, isArray ? values : values[0]);
      } else {
        // OpenAPI 3.0: header parameters named Accept, Content-Type or Authorization are ignored
        if (["accept", "content-type", "authorization"].includes(parameter.name.toLowerCase())) continue;
        const value = headerValue(exchange.requestHeaders[parameter.name.toLowerCase()]);
        if (value === undefined) {
          if (parameter.required) violation(pointer, "required", "is required by the spec");
          continue;
        }
        validate(pointer, parameter.schemaPointer, value);
      }
    }
    for (const unknown of queryNames) violation(`/query/${escapeSegment(unknown)}`, "unknown-parameter", "is not a parameter of this operation in the spec");

    const body = operation.requestBody;
    const hasBody = exchange.requestBody !== undefined && exchange.requestBody !== null && exchange.requestBody !== "";
    if (body && !hasBody && body.required) violation("/body", "required", "the spec requires a request body");
    if (!body && hasBody) violation("/body", "unexpected-body", "the spec defines no request body for this operation");
    if (body && hasBody) {
      const mediaType = mediaTypeOf(headerValue(exchange.requestHeaders["content-type"]));
      const match = Object.keys(body.content).find((documented) => mediaTypeOf(documented) === mediaType);
      if (match === undefined) {
        violation("/content-type", "content-type", `${mediaType || "no content type"} is not one of the spec's ${JSON.stringify(Object.keys(body.content))}`);
      } else {
        const schemaPointer = body.content[match];
        const check = schemaPointer ? this.validator(compiled, mediaType.endsWith("json") ? "bodies" : "parameters", schemaPointer) : null;
        if (check && !check(exchange.requestBody)) {
          for (const error of closestBranches(check.errors ?? [])) {
            const described = describe(error);
            violation(`/body${described.pointer}`, error.keyword, described.message);
          }
        }
      }
    }
    return found;
  }

  private checkResponse(compiled: CompiledSpec, operation: SpecOperation, exchange: Exchange): Violation[] {
    const found: Violation[] = [];
    const violation = (pointer: string, rule: string, message: string) =>
      found.push({ api: compiled.spec.api, operation: operation.name, direction: "response", status: exchange.status, pointer, rule, message });
    const statusKey = [String(exchange.status), `${String(exchange.status)[0]}XX`, "DEFAULT"].find((key) => key in operation.responses);
    if (statusKey === undefined) {
      violation(
        "/status",
        "status",
        `${exchange.status} is not a status the spec documents for this operation (${Object.keys(operation.responses).join(", ")})`,
      );
      return found;
    }
    const content = operation.responses[statusKey];
    const documented = Object.keys(content);
    const payload = exchange.responseBody;
    const length = payload === null || payload === undefined ? 0 : payload.length;
    if (documented.length === 0 || length === 0) return found;
    const mediaType = mediaTypeOf(exchange.responseContentType);
    const match = documented.find((candidate) => {
      const type = mediaTypeOf(candidate);
      return type === mediaType || type === "*/*" || (type.endsWith("/*") && mediaType.startsWith(type.slice(0, -1)));
    });
    if (match === undefined) {
      violation("/content-type", "content-type", `${mediaType || "no content type"} is not one of the spec's ${JSON.stringify(documented)}`);
      return found;
    }
    const schemaPointer = content[match];
    if (!schemaPointer || !mediaType.endsWith("json")) return found;
    let body: unknown;
    try {
      body = JSON.parse(typeof payload === "string" ? payload : payload!.toString("utf8"));
    } catch {
      violation("/body", "json", "is not JSON");
      return found;
    }
    const check = this.validator(compiled, "bodies", schemaPointer);
    if (check && !check(body)) {
      for (const error of closestBranches(check.errors ?? [])) {
        const described = describe(error);
        violation(`/body${described.pointer}`, error.keyword, described.message);
      }
    }
    return found;
  }
}
