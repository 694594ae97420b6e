// A wrong setting stops the app at start-up with a message that names it, rather than at the first request.
import { buildAppConfig, ConfigurationError } from "./lib/config/build";

if (process.env.NEXT_PHASE !== "phase-production-build") {
  try {
    const config = buildAppConfig(process.env);
    console.warn(
      `[care-record-viewer] configuration valid: CIS2 ${config.CIS2_ISSUER}; PDS ${config.PDS_BASE_URL}; data in ${config.dataDir}`,
    );
  } catch (error) {
    if (error instanceof ConfigurationError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}
