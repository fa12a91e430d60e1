/** Whether `text` is a real day of the calendar written as YYYY-MM-DD (ISO 8601), e.g. not 2026-02-30. */
export function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}

/** Midnight UTC of a YYYY-MM-DD day, in milliseconds since 1970. */
export function startOfDay(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}

/** The first day (YYYY-MM-DD) that starts at or after `milliseconds`. */
export function dayAtOrAfter(milliseconds: number): string {
  const day = 86_400_000;
  return new Date(Math.ceil(milliseconds / day) * day).toISOString().slice(0, 10);
}
