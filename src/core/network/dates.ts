/** Article dates as the network uses them: YYYY-MM-DD, compared as text. */

/** The day an article's date names, or null when it names none. */
export function dayOf(date: string | undefined | null): string | null {
  if (!date) return null;
  const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(date.trim());
  if (iso) return `${iso[1]}-${iso[2]}-${iso[3]}`;
  // Other spellings ("September 08, 2016", "27th August 2016") only with a year: a parser fills a missing one in.
  if (!/\b\d{4}\b/.test(date)) return null;
  const t = new Date(date.replace(/(\d)(st|nd|rd|th)\b/g, '$1'));
  if (Number.isNaN(t.getTime())) return null;
  return `${t.getFullYear()}-${String(t.getMonth() + 1).padStart(2, '0')}-${String(t.getDate()).padStart(2, '0')}`;
}

/** Whether a day lies within from..to, both inclusive and either a prefix (2024, 2024-03) or a day. */
export function withinDates(day: string | null, from?: string, to?: string): boolean {
  if (!from && !to) return true;
  if (!day) return false;
  if (from && day.slice(0, from.length) < from) return false;
  if (to && day.slice(0, to.length) > to) return false;
  return true;
}
