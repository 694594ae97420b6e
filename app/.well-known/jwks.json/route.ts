import { getConfig } from "@/lib/config";
import { publicJwks } from "@/lib/config/jwks";

/**
 * The app's public keys, for registration with the NHS API platform (and CIS2) by URL. During a
 * rotation both keys are listed, so assertions signed with either verify.
 */
export function GET() {
  const config = getConfig();
  return Response.json(publicJwks([...config.apim.publishedKeys, config.cis2ClientPrivateJwk]), {
    headers: { "cache-control": "public, max-age=300", "content-type": "application/jwk-set+json" },
  });
}
