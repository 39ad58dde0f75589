/** File names, ids and titles derived from user data. */

const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,119}$/;
// Names Windows refuses for a file whatever the extension.
const RESERVED = /^(?:con|prn|aux|nul|com\d|lpt\d)(?:\.|$)/i;

/** A slug of letters, digits, dot, dash and underscore, never empty. */
export function slug(text: string, fallback = 'document'): string {
  const s = text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[-._]+|[-._]+$/g, '')
    .slice(0, 100);
  return s || fallback;
}

/**
 * Hands out file-name stems that are safe on every platform and distinct even
 * on case-insensitive disks. Only the names are remembered, so two documents
 * never overwrite each other's files.
 */
export class FileNames {
  private readonly used = new Set<string>();

  take(id: string): string {
    let base = SAFE_NAME.test(id) && !RESERVED.test(id) ? id : slug(id);
    if (RESERVED.test(base)) base = `_${base}`;
    let name = base;
    for (let n = 2; this.used.has(name.toLowerCase()); n++) name = `${base}-${n}`;
    this.used.add(name.toLowerCase());
    return name;
  }
}

/** A title for a text that has none: its first non-empty line, shortened to 200 characters at a word break. */
export function titleFromText(text: string, fallback: string): string {
  const lines = text.split(/\r?\n/, 60).map((l) => l.trim()).filter(Boolean);
  // Scraped articles often open with page furniture ("Share", a currency ticker): prefer the first headline-like line.
  const line = lines.find((l) => l.split(/\s+/).length >= 4 && (l.match(/\p{L}/gu)?.length ?? 0) >= l.length / 2) ?? lines[0] ?? '';
  if (!line) return fallback;
  if (line.length <= 200) return line;
  const cut = line.slice(0, 200);
  const space = cut.lastIndexOf(' ');
  return `${space > 100 ? cut.slice(0, space) : cut}…`;
}

/** Hands out ids unique within one import, derived from a preferred id. */
export class UniqueIds {
  private readonly used = new Set<string>();

  take(preferred: string): string {
    let id = preferred;
    for (let n = 2; this.used.has(id); n++) id = `${preferred}-${n}`;
    this.used.add(id);
    return id;
  }
}
