import { expect, test } from "@playwright/test";
import type { ContractReport } from "../sandbox/contract/checker";
import { JOURNEY_WORKERS, serversFor } from "./support/servers";

/**
 * After every journey: every request the app sent to each worker's stand-in, and every answer the stand-in
 * gave, kept to the API's published OpenAPI spec, but for the reviewed exceptions (sandbox/contract/).
 */
test("after every journey: the app's requests and the stand-in's answers keep to the NHS's published specs", async ({ request }, testInfo) => {
  for (let index = 0; index < JOURNEY_WORKERS; index += 1) {
    const response = await request.get(`${serversFor(index).sandboxOrigin}/_stand-in/contract`);
    expect(response.status(), `stand-in ${index} checks the contract (SANDBOX_CONTRACT_CHECK=on)`).toBe(200);
    const report = (await response.json()) as ContractReport;
    await testInfo.attach(`contract-report-${index}.json`, { body: JSON.stringify(report, null, 2), contentType: "application/json" });
    const exchanges = Object.values(report.checked).reduce((sum, count) => sum + count, 0);
    console.log(
      `stand-in ${index}: ${exchanges} exchanges over ${Object.keys(report.checked).length} operations checked; ` +
        `${report.violations.length - report.unexcepted} departures covered by reviewed exceptions, ${report.unexcepted} not`,
    );
    console.log(`stand-in ${index}: operations checked: ${Object.keys(report.checked).sort().join("; ")}`);
    expect(exchanges, `stand-in ${index} saw the journeys' requests`).toBeGreaterThan(0);
    const unexcepted = report.violations
      .filter((violation) => violation.exceptedBy === null)
      .map(
        (violation) =>
          `${violation.api} ${violation.operation} ${violation.direction} ${violation.status ?? ""} ${violation.pointer} ${violation.rule}: ${violation.message} (×${violation.count})`,
      );
    expect(unexcepted, `stand-in ${index}: departures from the published specs`).toEqual([]);
  }
});
