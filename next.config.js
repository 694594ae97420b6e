/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Native and worker-thread packages run as plain Node modules on the server.
  // (pg is on Next's own list; node-pg-migrate loads migration files from disk at start-up)
  serverExternalPackages: ["better-sqlite3", "pino", "node-pg-migrate", "undici"],
  typedRoutes: false,
  // npm test type-checks the whole project once (npm run typecheck) alongside the build, so the build need not again
  typescript: { ignoreBuildErrors: process.env.NEXT_SKIP_TYPECHECK === "1" },
  // forbidden() answers 403 with app/forbidden.tsx when a role may not see a page
  experimental: { authInterrupts: true },
  async headers() {
    const securityHeaders = [
      { key: "X-Content-Type-Options", value: "nosniff" },
      // same-origin, not no-referrer: browsers send "Origin: null" on form posts under no-referrer, which
      // defeats the same-origin checks; no URL here carries patient data, and nothing goes to other sites
      { key: "Referrer-Policy", value: "same-origin" },
      { key: "X-Frame-Options", value: "DENY" },
      // browsers act on it only over HTTPS, where the app is deployed; harmless on the local http demo
      { key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" },
      { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
    ];
    // Pages that can carry patient data are made no-store by the proxy, from the route manifest (lib/routes.ts).
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

module.exports = nextConfig;
