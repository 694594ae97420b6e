/**
 * The Content Security Policy for one response. Scripts run only with this response's nonce (Next
 * puts it on its own scripts), so an injected script cannot run; 'strict-dynamic' lets those
 * scripts load the app's chunks. Styles may be inline: React and the NHS components set style
 * attributes, and CSS cannot run code.
 */
export function contentSecurityPolicy(nonce: string, options: { development: boolean; secure: boolean; signOutOrigin: string }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    // the NHS website's attribution logo, which its content's terms require beside what it supplies
    "img-src 'self' data: blob: https://assets.nhs.uk",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    // sign-out is a plain form post that is redirected on to CIS2's end-session endpoint; browsers hold a form's
    // redirects to form-action too, so CIS2's origin is named
    `form-action 'self' ${options.signOutOrigin}`,
    "frame-ancestors 'none'",
    ...(options.secure ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/** 16 random bytes, base64: a fresh, unguessable nonce for each response. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
