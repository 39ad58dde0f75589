/**
 * Agreement benchmark: the full report (mentions, tokens, frames) on a
 * synthetic corpus of 200 documents × 5,000 tokens labelled by 3 annotators,
 * about 15% of tokens inside mentions, with controlled disagreement (changed
 * labels, shifted boundaries, missed and extra mentions, nested mentions,
 * frames with changed attributes). The corpus is generated from a fixed seed
 * and is not timed; each figure is the median of 3 runs.
 *
 * `agreement_1m_tokens_ms` is end to end as the CLI calls it: the report
 * tokenizes the text itself. `agreement_1m_tokens_pretokenized_ms` passes the
 * tokens in, isolating the agreement computation.
 */
import { agreementReport, type AgreementDocument, type AnnotatorLayer } from '../src/core/agreement';
import type { Frame, Mention } from '../src/core/model';
import { seededRandom as random } from '../src/core/random';

const DOCUMENTS = 200;
const TOKENS_PER_DOCUMENT = 5_000;
const ANNOTATORS = ['ana', 'ben', 'cat'];
const LABELS = ['PERSON', 'ORG', 'GPE', 'LOC', 'DATE', 'EVENT', 'TOPIC'];
const RUNS = 3;

export function benchAgreement(): { agreement_1m_tokens_ms: number; agreement_1m_tokens_pretokenized_ms: number; tokens: number } {
  const corpus = syntheticCorpus(DOCUMENTS, TOKENS_PER_DOCUMENT, 20240601);
  const withoutTokens = corpus.map(({ tokens: _tokens, ...doc }) => doc);
  const tokens = corpus.reduce((n, d) => n + d.tokens!.length, 0);
  return {
    agreement_1m_tokens_ms: round(median(RUNS, () => agreementReport(withoutTokens, ANNOTATORS))),
    agreement_1m_tokens_pretokenized_ms: round(median(RUNS, () => agreementReport(corpus, ANNOTATORS))),
    tokens,
  };
}

function median(runs: number, work: () => unknown): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    work();
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}


const WORDS = ['the', 'minister', 'said', 'talks', 'would', 'resume', 'in', 'Geneva', 'after', 'ceasefire', 'proposal', 'was', 'rejected', 'by', 'parliament', 'on', 'Monday', 'envoy', 'agreed', 'grain', 'deal'];

/**
 * Text of words separated by spaces, with a full stop closing every sentence
 * as its own token ("word ." is two tokens for any word tokenizer).
 */
function syntheticText(tokens: number, rand: () => number): { text: string; tokens: Array<{ start: number; end: number }> } {
  const parts: string[] = [];
  const spans: Array<{ start: number; end: number }> = [];
  let offset = 0;
  for (let t = 0; t < tokens; t++) {
    const word = t % 12 === 11 ? '.' : WORDS[Math.floor(rand() * WORDS.length)];
    spans.push({ start: offset, end: offset + word.length });
    parts.push(word);
    offset += word.length + 1;
  }
  return { text: parts.join(' '), tokens: spans };
}

function syntheticCorpus(documents: number, tokensPerDocument: number, seed: number): AgreementDocument[] {
  const rand = random(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  const docs: AgreementDocument[] = [];
  for (let d = 0; d < documents; d++) {
    const { text, tokens } = syntheticText(tokensPerDocument, rand);
    const spanOf = (first: number, last: number) => ({ start: tokens[first].start, end: tokens[last].end });

    // The reference layer: mentions of 1–3 tokens on ~15% of tokens, a few nested.
    const base: Array<{ first: number; last: number; label: string }> = [];
    for (let t = 0; t < tokens.length - 3; ) {
      if (rand() < 0.075) {
        const length = 1 + Math.floor(rand() * 3);
        base.push({ first: t, last: t + length - 1, label: pick(LABELS) });
        if (length > 1 && rand() < 0.1) base.push({ first: t, last: t, label: pick(LABELS) });
        t += length + 1;
      } else t++;
    }

    const layers: AnnotatorLayer[] = ANNOTATORS.map((annotator, a) => {
      const mentions: Mention[] = [];
      const add = (first: number, last: number, label: string) => {
        const { start, end } = spanOf(first, last);
        mentions.push({ id: `${annotator}-${mentions.length}`, label, start, end, quote: text.slice(start, end), origin: 'manual', author: annotator, createdAt: '' });
      };
      for (const m of base) {
        // Annotator 0 is the reference; the others disagree on a controlled share.
        const r = a === 0 ? 1 : rand();
        if (r < 0.05) continue; // missed
        if (r < 0.12) add(m.first, m.last, pick(LABELS)); // other label
        else if (r < 0.2) add(m.first, Math.min(m.last + 1, tokens.length - 1), m.label); // boundary
        else add(m.first, m.last, m.label);
      }
      if (a > 0) for (let k = 0; k < tokens.length * 0.004; k++) {
        const t = Math.floor(rand() * (tokens.length - 1));
        add(t, t, pick(LABELS)); // extra
      }

      const frames: Frame[] = [];
      for (let f = 0; f < 10 && f < base.length; f++) {
        const anchor = base[Math.floor((f * base.length) / 10)];
        const evidence = spanOf(anchor.first, Math.min(anchor.first + 8 + (a === 0 ? 0 : Math.floor(rand() * 3)), tokens.length - 1));
        const stance = f % 3 !== 2;
        frames.push({
          id: `${annotator}-f${f}`,
          type: stance ? 'Stance' : 'Agreement',
          evidence: { ...evidence, quote: '' },
          roles: stance
            ? { Holder: [{ kind: 'entity', entityId: `e${f}` }], Target: [{ kind: 'topic', text: a === 2 && rand() < 0.3 ? 'sanctions' : 'ceasefire' }] }
            : { Party: [{ kind: 'entity', entityId: `e${f}` }, { kind: 'entity', entityId: `e${f + 1}` }], Topic: [{ kind: 'topic', text: 'grain deal' }] },
          attrs: stance ? { Polarity: a > 0 && rand() < 0.2 ? 'against' : 'favor' } : { Status: a > 0 && rand() < 0.2 ? 'proposed' : 'reached' },
          origin: 'manual',
          author: annotator,
          createdAt: '',
        });
      }
      return { annotator, mentions, frames };
    });
    docs.push({ docId: `doc-${d}`, text, tokens, layers });
  }
  return docs;
}

// `node <bundled bench>` prints the figures as a table.
if (typeof process !== 'undefined' && process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'))) {
  console.table(benchAgreement());
}
