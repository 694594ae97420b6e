export { formatNhsNumber, isValidNhsNumber, parseNhsNumberInput, nhsNumberCheckDigit } from "./nhs-number";
export type { NhsNumberInputProblem, NhsNumberParseResult } from "./nhs-number";
export { formatAge, formatFhirDate, formatFhirDateTime, formatDateTimeWithTime, formatTime } from "./dates";
export { formatPatientName, formatGender, formatCis2RoleName } from "./names";
export type { PersonName, AdministrativeGender } from "./names";
export { buildPrescriptionId, isValidPrescriptionId, parsePrescriptionIdInput, prescriptionIdCheckCharacter } from "./prescription-id";
export type { PrescriptionIdParseResult, PrescriptionIdProblem } from "./prescription-id";
export { formatUbrn } from "./ubrn";
