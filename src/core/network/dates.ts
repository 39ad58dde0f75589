/** Article dates as the network uses them: YYYY-MM-DD, compared as text. */

/** The day an article's date names, or null when it names none. */
export function dayOf(date: string | undefined | null): string | null {
  if (!date) return null;
  const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(date.trim());
  if (iso) return `${iso[1]}-${iso[2]}-${iso[3]}`;
  const t = Date.parse(date);
  return Number.isNaN(t) ? null : new Date(t).toISOString().slice(0, 10);
}

/** Whether a day lies within from..to, both inclusive and either a prefix (2024, 2024-03) or a day. */
export function withinDates(day: string | null, from?: string, to?: string): boolean {
  if (!from && !to) return true;
  if (!day) return false;
  if (from && day.slice(0, from.length) < from) return false;
  if (to && day.slice(0, to.length) > to) return false;
  return true;
}
