/**
 * One name, one label in a document: a name the tagger found once is
 * proposed wherever else the document writes it (the same words, or the
 * same words in capitals in a headline), and a person's surname wherever it
 * stands alone ("Salem Bitar" … "Bitar"). Such a copy takes the score of the
 * span it copies (and its margin and log-odds), so calibration and the threshold treat it alike.
 */
import type { Token } from '../tokenize';
import type { TaggedSpan } from './tagger';

/** Words that start a surname: "de Mistura", "van der Merwe", "al-Assad", "bin Salman". */
const PARTICLES = new Set(['de', 'da', 'di', 'del', 'della', 'der', 'den', 'van', 'von', 'la', 'le', 'du', 'al', 'el', 'bin', 'ibn', 'ben', 'abu', 'dos', 'das', 'mac', 'st']);

export function propagate(text: string, tokens: readonly Token[], spans: readonly TaggedSpan[], personLabel = 'PERSON'): TaggedSpan[] {
  const words = tokens.map((t) => text.slice(t.start, t.end).toLowerCase());
  const taken = new Uint8Array(tokens.length);
  const first = new Map<number, number>();
  tokens.forEach((t, i) => first.set(t.start, i));
  const located = spans.flatMap((s) => {
    const from = first.get(s.start);
    if (from === undefined) return [];
    let to = from;
    while (to < tokens.length && tokens[to].end < s.end) to++;
    for (let k = from; k <= to; k++) taken[k] = 1;
    return [{ s, words: words.slice(from, to + 1) }];
  });
  // Longest names first, best score first: "Salem Bitar" before "Bitar".
  const patterns = new Map<string, TaggedSpan>();
  const add = (ws: string[], s: TaggedSpan) => {
    const k = ws.join(' ');
    const had = patterns.get(k);
    if (!had || had.score < s.score) patterns.set(k, s);
  };
  for (const { s, words: ws } of located) {
    add(ws, s);
    if (s.label === personLabel && ws.length > 1 && /^\p{L}{2,}$/u.test(ws[ws.length - 1])) add([ws[ws.length - 1]], s);
  }
  const sorted = [...patterns].map(([k, s]) => ({ ws: k.split(' '), s })).sort((a, b) => b.ws.length - a.ws.length);
  const out: TaggedSpan[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (taken[i] || !/^\p{Lu}/u.test(text.slice(tokens[i].start, tokens[i].end))) continue;
    for (const { ws, s } of sorted) {
      if (i + ws.length > tokens.length) continue;
      let ok = true;
      for (let k = 0; k < ws.length && ok; k++) ok = !taken[i + k] && words[i + k] === ws[k] && (k === 0 || !/[\n\r]/.test(text.slice(tokens[i + k - 1].end, tokens[i + k].start)));
      const end = i + ws.length;
      // The copy must be the whole name: no capitalised word runs on after it (in a headline's capitals every word is one).
      const copy = text.slice(tokens[i].start, tokens[end - 1].end);
      const headline = !/\p{Ll}/u.test(copy);
      if (ok && !headline && end < tokens.length && /^\p{Lu}/u.test(text.slice(tokens[end].start, tokens[end].end)) && !/[\n\r]/.test(text.slice(tokens[end - 1].end, tokens[end].start))) ok = false;
      // Nor before it: "Mistura" of "de Mistura", "Bitar" of "Salem Bitar".
      if (ok && i > 0 && !/[\n\r]/.test(text.slice(tokens[i - 1].end, tokens[i].start))) {
        const before = text.slice(tokens[i - 1].start, tokens[i - 1].end);
        // A capital that only starts a sentence ("Later Bitar saved") says nothing.
        const startsSentence = i < 2 || /[\n\r]/.test(text.slice(tokens[i - 2].end, tokens[i - 1].start)) || /^[.!?:;"“”]$/u.test(text.slice(tokens[i - 2].start, tokens[i - 2].end));
        if (PARTICLES.has(before.toLowerCase()) || (!headline && !startsSentence && /^\p{Lu}/u.test(before))) ok = false;
      }
      if (!ok) continue;
      out.push({ start: tokens[i].start, end: tokens[end - 1].end, label: s.label, score: s.score, margin: s.margin, logOdds: s.logOdds });
      for (let k = i; k < end; k++) taken[k] = 1;
      i = end - 1;
      break;
    }
  }
  return out;
}
