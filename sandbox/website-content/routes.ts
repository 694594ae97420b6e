import type { FastifyInstance, FastifyReply } from "fastify";
import { NHS_APIS } from "../../lib/nhs/catalogue";
import { findPage, KIND_PATHS, listingBody, pageBody, type PageKind } from "./pages";

export const WEBSITE_CONTENT_BASE_PATH = NHS_APIS["website-content"].basePath;
const KINDS: readonly PageKind[] = ["medicines", "conditions", "vaccinations"];
/** Kinds served page by page only: the NHS services hub's sections have no A to Z. */
const PAGE_ONLY_KINDS: readonly PageKind[] = ["hospitals"];

/** The API's own error body (not FHIR): a status code and a message. */
function notFound(reply: FastifyReply) {
  return reply.code(404).type("application/json").send({ statusCode: 404, message: "Resource not found" });
}

/**
 * The NHS Website Content API: full pages by kind and name (a trailing slash or none, ?modules=true accepted), the
 * A to Z by category letter, 404 for a page it does not have. The API key (integration mode) and the rate limit
 * (fault injection) are enforced in front of it, as for every API.
 */
export function registerWebsiteContent(app: FastifyInstance, publicBaseUrl: string) {
  const apiBase = `${publicBaseUrl}${WEBSITE_CONTENT_BASE_PATH}`;
  for (const kind of KINDS) {
    // NHS.UK's addresses end in a slash; both forms are answered
    for (const end of ["", "/"]) {
      app.get<{ Querystring: { category?: string } }>(`${WEBSITE_CONTENT_BASE_PATH}/${kind}${end}`, async (request, reply) => {
        const letter = (request.query.category ?? "a").toLowerCase();
        if (!/^[a-z]$/.test(letter)) return notFound(reply);
        return reply
          .code(200)
          .type("application/json")
          .send(listingBody(kind, letter, apiBase));
      });
    }
  }
  for (const kind of [...KINDS, ...PAGE_ONLY_KINDS]) {
    for (const end of ["", "/"]) {
      app.get<{ Params: { slug: string } }>(`${WEBSITE_CONTENT_BASE_PATH}/${KIND_PATHS[kind]}/:slug${end}`, async (request, reply) => {
        const page = findPage(kind, request.params.slug);
        if (!page) return notFound(reply);
        return reply.code(200).type("application/json").send(pageBody(page, apiBase));
      });
    }
  }
}
