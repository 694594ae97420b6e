/** Runs once when the server starts: a wrong setting stops the app with a message that names it. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const { buildAppConfig, ConfigurationError } = await import("./lib/config/build");
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
