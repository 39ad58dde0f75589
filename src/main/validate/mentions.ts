/** What can be wrong with a mention against its document's text. */
import type { Mention } from '../../core/model';

/** Whether offset `i` falls between the two halves of a surrogate pair (inside one character, such as an emoji). */
export function splitsCharacter(text: string, i: number): boolean {
  if (i <= 0 || i >= text.length) return false;
  const before = text.charCodeAt(i - 1);
  const after = text.charCodeAt(i);
  return before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff;
}

/** The mention's problem in `text`, or null. */
export function mentionProblem(m: Mention, text: string): string | null {
  if (m.end > text.length || m.start >= m.end) return `mention ${m.id} has offsets ${m.start}-${m.end} outside the text (${text.length} characters)`;
  for (const [which, at] of [['starts', m.start], ['ends', m.end]] as const) {
    if (splitsCharacter(text, at)) return `mention ${m.id} ${which} at ${at}, inside a character (between the two halves of a surrogate pair, such as an emoji); its offsets ${m.start}-${m.end} cannot be exported or drawn`;
  }
  if (text.slice(m.start, m.end) !== m.quote) return `mention ${m.id}: the quote does not match the text at ${m.start}-${m.end}`;
  return null;
}
