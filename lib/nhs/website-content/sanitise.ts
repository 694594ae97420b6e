import { parse } from "node-html-parser";
import sanitizeHtml from "sanitize-html";

/** Where NHS.UK's own relative links point, and the only host a link may go to without being named as leaving. */
export const NHS_WEBSITE_ORIGIN = "https://www.nhs.uk";

/**
 * The allow-list for NHS.UK's HTML fragments: structure and emphasis only. No scripts, styles, event attributes,
 * images, forms or frames; a link keeps only an https (or mailto) href.
 */
const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ["p", "h2", "h3", "h4", "ul", "ol", "li", "strong", "em", "b", "i", "br", "a", "table", "caption", "thead", "tbody", "tr", "th", "td", "abbr"],
  allowedAttributes: { a: ["href"], abbr: ["title"], th: ["scope"] },
  allowedSchemes: ["https", "mailto"],
  allowedSchemesAppliedToAttributes: ["href"],
  allowProtocolRelative: false,
  disallowedTagsMode: "discard",
  // script and style bodies are dropped with the tag, never kept as text
  nonTextTags: ["script", "style", "textarea", "option", "noscript", "iframe", "object", "template", "svg", "math"],
  transformTags: {
    a: (tagName, attribs) => {
      const href = attribs.href?.trim() ?? "";
      // NHS.UK writes links to its own pages as paths: they go to the NHS website, not to this service
      const absolute = href.startsWith("/") && !href.startsWith("//") ? `${NHS_WEBSITE_ORIGIN}${href}` : href;
      // anything else relative would land inside this service: such a link keeps its words and loses its address
      const attributes: sanitizeHtml.Attributes = /^(https:\/\/|mailto:)/i.test(absolute) ? { href: absolute } : {};
      return { tagName, attribs: attributes };
    },
  },
};

/** What a leaving link says, to a screen reader as to the eye; passed in so the wording stays in lib/content. */
export interface LeavingLinkText {
  leaves: string;
}

/**
 * NHS.UK's fragment as HTML safe to put in a page: sanitised with the allow-list, then every link marked as
 * leaving the service (rel, a class the print and screen styles use, and words a screen reader reads).
 */
export function sanitiseNhsWebsiteHtml(html: string, text: LeavingLinkText): string {
  const clean = sanitizeHtml(html, OPTIONS);
  const root = parse(clean);
  for (const link of root.querySelectorAll("a")) {
    if (!link.getAttribute("href")) continue;
    link.setAttribute("rel", "external noopener noreferrer");
    link.setAttribute("class", "app-leaving-link");
    link.insertAdjacentHTML(
      "beforeend",
      `<span class="nhsuk-u-visually-hidden"> ${sanitizeHtml(text.leaves, { allowedTags: [], allowedAttributes: {} })}</span>`,
    );
  }
  return root.toString();
}
