/**
 * Dates as the NHS service manual writes them: "22 October 2010", months in full.
 * FHIR `date` values are calendar dates with no time zone and must not shift by a day,
 * so they are formatted from their parts; `dateTime` values are shown in UK time.
 */

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"] as const;

const FHIR_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

const ukDateTimeParts = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/London",
  year: "numeric",
  month: "numeric",
  day: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

/** "2010-10-22" → "22 October 2010"; "2010-10" → "October 2010"; "2010" → "2010"; otherwise null. */
export function formatFhirDate(value: string | undefined | null): string | null {
  if (!value) return null;
  const match = FHIR_DATE.exec(value);
  if (!match) return formatFhirDateTime(value);
  const [, year, month, day] = match;
  if (!month) return year;
  const monthName = MONTHS[Number(month) - 1];
  if (!monthName) return null;
  if (!day) return `${monthName} ${year}`;
  const dayNumber = Number(day);
  if (dayNumber < 1 || dayNumber > 31) return null;
  return `${dayNumber} ${monthName} ${year}`;
}

function ukParts(value: string) {
  const instant = new Date(value);
  if (Number.isNaN(instant.getTime())) return null;
  const parts = Object.fromEntries(ukDateTimeParts.formatToParts(instant).map((part) => [part.type, part.value]));
  return {
    day: Number(parts.day),
    month: MONTHS[Number(parts.month) - 1],
    year: parts.year,
    time: `${parts.hour}:${parts.minute}`,
  };
}

/** An instant shown as its UK calendar date: "2010-10-22T00:00:00+00:00" → "22 October 2010". */
export function formatFhirDateTime(value: string | undefined | null): string | null {
  if (!value) return null;
  const parts = ukParts(value);
  return parts ? `${parts.day} ${parts.month} ${parts.year}` : null;
}

/** An instant with its UK time, 24-hour clock for clinical use: "22 October 2010 at 14:05". */
export function formatDateTimeWithTime(value: Date | string): string {
  const parts = ukParts(typeof value === "string" ? value : value.toISOString());
  return parts ? `${parts.day} ${parts.month} ${parts.year} at ${parts.time}` : "";
}

/** A time of day in the UK, as 14:05. */
export function formatTime(value: Date): string {
  return ukParts(value.toISOString())?.time ?? "";
}

/**
 * Age as clinicians say it: days under 4 weeks, months under 2 years, then years. For a patient who
 * has died, the age they were at death.
 */
export function formatAge(birthDate: string | null | undefined, on: Date | string = new Date()): string | null {
  if (!birthDate || !/^\d{4}-\d{2}-\d{2}$/.test(birthDate)) return null;
  const [birthYear, birthMonth, birthDay] = birthDate.split("-").map(Number);
  const end = typeof on === "string" ? new Date(on) : on;
  if (Number.isNaN(end.getTime())) return null;
  const [year, month, day] = [end.getUTCFullYear(), end.getUTCMonth() + 1, end.getUTCDate()];
  const days = Math.floor((Date.UTC(year, month - 1, day) - Date.UTC(birthYear, birthMonth - 1, birthDay)) / 86_400_000);
  if (days < 0) return null;
  if (days < 28) return days === 1 ? "1 day" : `${days} days`;
  let months = (year - birthYear) * 12 + (month - birthMonth) - (day < birthDay ? 1 : 0);
  if (months < 24) {
    months = Math.max(months, 0);
    return months === 1 ? "1 month" : `${months} months`;
  }
  const years = Math.floor(months / 12);
  return `${years} years`;
}
