/**
 * Digests the server gives errors a person should be told about in their own words. Next passes an error's digest,
 * and nothing else of it, to the error page; the rest of the digest is the reference the server logged it under.
 * Shared by the server and the error page, so it holds nothing but these names.
 */
export const STORE_UNAVAILABLE_DIGEST_PREFIX = "STORE-UNAVAILABLE-";
