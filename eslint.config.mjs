import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

const config = [
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    ignores: [".next/**", "node_modules/**", ".local/**", ".data/**", "public/**", "test-results/**", "playwright-report/**", "next-env.d.ts"],
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
    files: ["app/**", "components/**"],
    ignores: ["components/NoPrefetchLink.tsx"],
    rules: {
      "no-restricted-imports": ["error", { paths: [{ name: "next/link", message: "Use @/components/NoPrefetchLink: a prefetched patient page reads PDS and writes an audit row for a record nobody opened." }] }],
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
