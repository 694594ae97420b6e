import { headers } from "next/headers";

/** Rendered per request, as every page of the app is (its CSP nonce comes from the proxy). */
export default async function EmptyPage() {
  const nonce = (await headers()).get("x-nonce");
  return (
    <main>
      <h1>An empty page</h1>
      <p data-nonce={nonce ?? ""}>Next and React render this per request, with a proxy in front, as the app does.</p>
    </main>
  );
}
