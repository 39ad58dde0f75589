/** Short random ids for mentions, frames and entities: unique enough within a workspace, small on disk. */
const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

export function newId(prefix: string): string {
  let s = '';
  for (let i = 0; i < 12; i++) s += ALPHABET[Math.floor(Math.random() * 36)];
  return `${prefix}_${s}`;
}
