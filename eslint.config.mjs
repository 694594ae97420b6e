import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

/** What pages and components may not reach for: the layers are described in docs/architecture.md. */
const LAYER_RULES = [
  { name: "next/link", message: "Use @/components/NoPrefetchLink: a prefetched patient page reads PDS and writes an audit row for a record nobody opened." },
  {
    name: "@/lib/server/services",
    message: "Pages and components call a feature (lib/features/<feature>), which reads through the NHS clients and audits; see docs/architecture.md.",
  },
  {
    name: "@/lib/audit/record-access",
    message: "Audited reads go through a feature's auditedRead (lib/audit/audited-read.ts), never straight to the audit writer.",
  },
  { name: "@/lib/audit/audited-read", message: "Audited reads belong in lib/features/<feature>: pages load data from a feature, components render it." },
];

const config = [
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    ignores: [
      ".next/**",
      "bench/framework-floor/.next/**",
      "bench/framework-floor/next-env.d.ts",
      "node_modules/**",
      ".local/**",
      ".data/**",
      "public/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
    ],
  },
  {
    rules: {
      "no-console": ["error", { allow: ["warn", "error"] }],
      // nhsuk-frontend's stylesheet is served as a static file because Turbopack cannot parse it
      "@next/next/no-css-tags": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["app/**"],
    rules: { "no-restricted-imports": ["error", { paths: LAYER_RULES }] },
  },
  {
    files: ["components/**"],
    ignores: ["components/NoPrefetchLink.tsx"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: LAYER_RULES,
          patterns: [
            { group: ["@/app/*"], message: "Shared components never import from app/: route-specific UI sits beside its route in app/**/_components/." },
          ],
        },
      ],
    },
  },
  {
    files: ["scripts/**", "sandbox/**", "e2e/**", "bench/**"],
    rules: { "no-console": "off" },
  },
  {
    // Playwright fixtures hand over with a function named use; it is not React's hook
    files: ["e2e/**"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
];

export default config;
