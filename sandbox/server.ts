import { readFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import formbody from "@fastify/formbody";
import Fastify, { type FastifyInstance } from "fastify";
import type { JWK } from "jose";
import { registerCis2Interactions } from "./cis2/interactions";
import { CIS2_REALM_PATH, createMockCis2, type MockCis2 } from "./cis2/provider";
import { apiForPath, STAND_IN_APIS } from "./common/apis";
import { FaultInjector, registerFaultControl, type Fault } from "./common/faults";
import { sendOutcome } from "./common/fhir";
import { mirrorRequestIds } from "./common/platform-headers";
import { RequestLog } from "./common/request-log";
import { ContractChecker } from "./contract/checker";
import { CONTRACT_EXCEPTIONS } from "./contract/exceptions";
import { refuseWithoutCredential, type StandInMode } from "./identity/api-access";
import { registerIdentityService, type RegisteredApplication } from "./identity/token-endpoint";
import { TokenStore } from "./identity/tokens";
import { registerOds } from "./ods/routes";
import { registerSds } from "./sds/routes";
import { registerGpConnect } from "./gpconnect/routes";
import { registerWebsiteContent } from "./website-content/routes";
import { NhsAppMessages, registerNhsApp } from "./nhs-app/routes";
import { registerServiceSearch } from "./service-search/routes";
import { BarsReceiver, registerBars } from "./bars/routes";
import { registerErs } from "./ers/routes";
import { registerEps } from "./eps/routes";
import { MeshService } from "./mesh/mailboxes";
import { registerMesh } from "./mesh/routes";
import { registerNrl } from "./nrl/routes";
import { registerImmunisation } from "./immunisation/routes";
import { ImmunisationWrites } from "./immunisation/writes";
import { PdsRecords, registerPds } from "./pds/routes";
import { registerScr, ScrStore } from "./scr/routes";
import { registerTerminology, TerminologyServer, type TerminologyClient } from "./terminology/routes";

export interface SandboxOptions {
  publicBaseUrl: string;
  cis2Client: { clientId: string; appBaseUrl: string; jwks: { keys: JWK[] } };
  /** sandbox: open access, like the NHS sandbox; integration: every API demands its credential. */
  mode?: StandInMode;
  /** The mock CIS2's id token signing key; generated when absent. */
  cis2SigningKey?: JWK & { kid: string };
  /** Applications registered with the stand-in's API platform (API key, secret, public keys). */
  applications?: RegisteredApplication[];
  /** System accounts registered with the Terminology Server's own authorisation server. */
  terminologyClients?: TerminologyClient[];
  requestLog?: (line: string) => void;
  faults?: Fault[];
  /**
   * Check every request and response on the NHS APIs against the API's published OpenAPI spec, in this
   * folder of specs (see sandbox/contract/). Off when absent.
   */
  contractSpecsDir?: string;
  /** How long a simulated GP practice takes to collect a message and to send each ITK3 acknowledgement. */
  meshPracticeDelayMs?: number;
}

export interface Sandbox {
  app: FastifyInstance;
  cis2: MockCis2;
  pds: PdsRecords;
  scr: ScrStore;
  bars: BarsReceiver;
  faults: FaultInjector;
  requests: RequestLog;
  tokens: TokenStore;
  terminology: TerminologyServer;
  /** Vaccinations recorded through the stand-in, and each application's permissions by vaccine type. */
  immunisations: ImmunisationWrites;
  /** MESH mailboxes, GPPROVIDER routing through the stand-in's PDS, and simulated GP practice systems. */
  mesh: MeshService;
  mode: StandInMode;
  contract: ContractChecker | null;
  /** Messages the stand-in's NHS App was asked to send. */
  nhsApp: NhsAppMessages;
}

// Resolved through Node's module resolution so that it works from the bundled stand-in too.
const NHSUK_DIST = dirname(createRequire(import.meta.url).resolve("nhsuk-frontend/dist/nhsuk/nhsuk-frontend.min.css"));

function isOidcProviderPath(path: string): boolean {
  return path.startsWith(`${CIS2_REALM_PATH}/`) && !path.startsWith(`${CIS2_REALM_PATH}/interaction/`);
}

/** Builds the local NHS stand-in: every API on its NHS base path, plus the mock CIS2. */
export async function buildSandbox(options: SandboxOptions): Promise<Sandbox> {
  const cis2 = await createMockCis2({
    publicBaseUrl: options.publicBaseUrl,
    signingKey: options.cis2SigningKey,
    clients: [
      {
        clientId: options.cis2Client.clientId,
        redirectUris: [`${options.cis2Client.appBaseUrl}/api/auth/callback/cis2`],
        postLogoutRedirectUris: [`${options.cis2Client.appBaseUrl}/signed-out`],
        jwks: options.cis2Client.jwks,
      },
    ],
  });
  const oidcHandler = cis2.provider.callback();
  const faults = new FaultInjector();
  for (const fault of options.faults ?? []) faults.set(fault);
  const requests = new RequestLog(500, options.requestLog);

  function logWhenFinished(request: IncomingMessage, response: ServerResponse, route: string, started: number) {
    // "close" also fires for dropped connections, which never finish; those are logged with status 0.
    response.once("close", () => {
      const status = response.headersSent ? response.statusCode : 0;
      requests.add(
        request.method ?? "GET",
        route,
        status,
        request.headers,
        performance.now() - started,
        (request as IncomingMessage & { arrivedAt?: string }).arrivedAt,
      );
    });
  }

  const app = Fastify({
    logger: false,
    serverFactory: (fastifyHandler) =>
      createServer((request: IncomingMessage, response: ServerResponse) => {
        const started = performance.now();
        (request as IncomingMessage & { arrivedAt?: string }).arrivedAt = new Date().toISOString();
        const url = request.url ?? "/";
        const path = url.split("?")[0];
        const api = apiForPath(path);
        const fault = api ? faults.take(api) : undefined;
        const proceed = () => {
          if (isOidcProviderPath(path)) {
            // oidc-provider routes on the path below its mount point and reads the mount from originalUrl.
            (request as IncomingMessage & { originalUrl?: string }).originalUrl = url;
            request.url = url.slice(CIS2_REALM_PATH.length) || "/";
            logWhenFinished(request, response, path, started);
            oidcHandler(request, response);
            return;
          }
          fastifyHandler(request, response);
        };
        if (!fault) {
          proceed();
          return;
        }
        if (fault.kind !== "latency") {
          logWhenFinished(request, response, `${STAND_IN_APIS[api!].basePath} (fault: ${fault.kind})`, started);
        }
        void FaultInjector.apply(fault, request, response).then((result) => {
          if (result === "continue") proceed();
        });
      }),
  });
  await app.register(formbody);
  app.addContentTypeParser(["application/json-patch+json", "application/fhir+json"], { parseAs: "string" }, (_request, body, done) => {
    try {
      done(null, JSON.parse(body as string));
    } catch {
      done(Object.assign(new Error("the request body is not valid JSON"), { statusCode: 400 }), undefined);
    }
  });
  // Errors the framework raises (unparseable body, unsupported media type) answer as the NHS APIs do.
  app.setErrorHandler((error: Error & { statusCode?: number }, _request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    return sendOutcome(reply, status, {
      issueCode: status === 500 ? "exception" : "invalid",
      errorCode: status === 500 ? "UNKNOWN_ERROR" : status === 415 ? "UNSUPPORTED_MEDIA_TYPE" : "INVALID_VALUE",
      display: status === 500 ? "An unknown error occurred processing this request" : "The request could not be processed",
      diagnostics: status === 500 ? undefined : error.message,
    });
  });

  const mode = options.mode ?? "sandbox";
  const tokens = new TokenStore();
  const applications = options.applications ?? [];
  const apiKeys = new Set(applications.map((application) => application.apiKey));
  app.addHook("onRequest", async (request, reply) => {
    mirrorRequestIds(request, reply);
    (request as unknown as { startedAt: number }).startedAt = performance.now();
    if (mode !== "integration") return;
    const api = apiForPath(request.url.split("?")[0]);
    if (api && (await refuseWithoutCredential(api, request, reply, { tokens, apiKeys }))) return reply;
  });
  const contract = options.contractSpecsDir ? new ContractChecker(options.contractSpecsDir, CONTRACT_EXCEPTIONS) : null;
  if (contract) {
    app.addHook("onSend", async (request, _reply, payload) => {
      (request as unknown as { sentBody: unknown }).sentBody = payload;
      return payload;
    });
    app.addHook("onResponse", async (request, reply) => {
      const path = request.url.split("?")[0];
      const api = apiForPath(path);
      if (!api) return;
      const sentBody = (request as unknown as { sentBody: unknown }).sentBody;
      const contentType = reply.getHeader("content-type");
      contract.observe(
        {
          api,
          basePath: STAND_IN_APIS[api].basePath,
          method: request.method,
          url: request.url,
          requestHeaders: request.headers,
          requestBody: request.body,
          status: reply.statusCode,
          responseContentType: typeof contentType === "string" ? contentType : undefined,
          responseBody: typeof sentBody === "string" || Buffer.isBuffer(sentBody) ? sentBody : null,
        },
        typeof request.headers["x-request-id"] === "string" ? request.headers["x-request-id"] : undefined,
      );
    });
  }
  // What the contract check found since the stand-in started (or was cleared), once every exchange so far is checked.
  app.get("/_stand-in/contract", async (_request, reply) => {
    if (!contract) return reply.code(404).send({ error: "the contract check is off (SANDBOX_CONTRACT_CHECK)" });
    await contract.idle();
    return contract.report();
  });
  app.delete("/_stand-in/contract", async (_request, reply) => {
    await contract?.idle();
    contract?.clear();
    return reply.code(204).send();
  });
  app.addHook("onResponse", async (request, reply) => {
    // The route pattern, not the URL, so that no NHS number reaches the log.
    const started = (request as unknown as { startedAt: number }).startedAt;
    requests.add(
      request.method,
      request.routeOptions.url ?? "(no route)",
      reply.statusCode,
      request.headers,
      performance.now() - started,
      (request.raw as { arrivedAt?: string }).arrivedAt,
    );
  });
  app.get("/_stand-in/requests", async () => ({ requests: requests.recent() }));
  app.delete("/_stand-in/requests", async (_request, reply) => {
    requests.clear();
    return reply.code(204).send();
  });

  app.get("/_stand-in/nhsuk-frontend.min.css", async (_request, reply) =>
    reply
      .type("text/css")
      .header("cache-control", "public, max-age=3600")
      .send(await readFile(join(NHSUK_DIST, "nhsuk-frontend.min.css"))),
  );
  app.get<{ Params: { "*": string } }>("/assets/*", async (request, reply) => {
    const relative = request.params["*"];
    if (relative.includes("..")) return reply.code(404).send();
    try {
      const file = await readFile(join(NHSUK_DIST, "assets", relative));
      const type = relative.endsWith(".svg") ? "image/svg+xml" : relative.endsWith(".png") ? "image/png" : "application/octet-stream";
      return reply.type(type).send(file);
    } catch {
      return reply.code(404).send();
    }
  });
  app.get("/_stand-in/health", async () => ({ status: "ok", mode }));

  registerFaultControl(app, faults);
  registerIdentityService(app, {
    applications,
    tokens,
    cis2: { issuer: cis2.issuer, jwks: cis2.signingKeys, clientId: options.cis2Client.clientId },
    publicBaseUrl: options.publicBaseUrl,
  });
  app.get("/_stand-in/mode", async () => ({ mode }));
  registerCis2Interactions(app, cis2);
  const pds = new PdsRecords();
  registerPds(app, pds);
  const scr = new ScrStore();
  registerScr(app, scr, (nhsNumber) => pds.get(nhsNumber) !== undefined);
  registerEps(app, (nhsNumber) => pds.get(nhsNumber));
  const immunisations = new ImmunisationWrites();
  registerImmunisation(app, (nhsNumber) => pds.get(nhsNumber), tokens, immunisations);
  registerNrl(app, options.publicBaseUrl);
  registerErs(app, options.publicBaseUrl);
  const bars = new BarsReceiver();
  registerBars(app, bars);
  registerOds(app);
  registerServiceSearch(app);
  registerSds(app);
  registerGpConnect(app, (nhsNumber) => pds.get(nhsNumber));
  registerWebsiteContent(app, options.publicBaseUrl);
  const nhsApp = new NhsAppMessages();
  registerNhsApp(app, nhsApp, options.publicBaseUrl);
  const terminology = new TerminologyServer(options.terminologyClients ?? []);
  registerTerminology(app, terminology, tokens);
  const mesh = new MeshService((nhsNumber) => pds.get(nhsNumber), { practiceDelayMs: options.meshPracticeDelayMs });
  registerMesh(app, mesh);
  app.addHook("onClose", async () => mesh.close());

  return { app, cis2, pds, scr, bars, faults, requests, tokens, terminology, immunisations, mesh, mode, contract, nhsApp };
}
