/**
 * Every kind of .ann line brat writes, through import and export: the short
 * version of `npm run bench:brat-corpora`, on a hand-made document in the
 * shape of brat's example corpora (BioNLP events nested in events, TDT's
 * relations and Lemma comments, equivalences, binary M lines, a
 * discontinuous span, notes with trailing spaces).
 */
import { describe, expect, it } from 'vitest';
import { compareAnn, throughParley } from '../../../bench/bratLines';

const TXT = 'IL-2 binds the IL-2R promoter and TRAF2 in T cells; loss of binding blocks p53.\nObama met Putin in Geneva.';
const ANN = [
  'T1\tProtein 0 4\tIL-2',
  'T2\tProtein 15 20\tIL-2R',
  'T3\tEntity 21 29\tpromoter',
  'T4\tBinding 5 10\tbinds',
  'E1\tBinding:T4 Theme:T1 Theme2:T2 Site:T3',
  'T5\tNegative_regulation 52 56\tloss',
  'E2\tNegative_regulation:T5 Theme:E1',
  'M1\tNegation E2',
  'A1\tSpeculation E1',
  'T6\tProtein 34 39\tTRAF2',
  '*\tEquiv T1 T6',
  'T7\tPerson 80 85\tObama',
  'T8\tPerson 90 95\tPutin',
  'T9\tGPE 99 105\tGeneva',
  'R1\tMet Arg1:T7 Arg2:T8',
  'R2\tLocated Arg1:T8 Arg2:T9',
  '#1\tAnnotatorNotes R1\tin person  ',
  '#2\tLemma T7\tobama',
  '#3\tAnnotatorNotes E1\tsee figure 2',
  'N1\tReference T7 Wikidata:Q76\tBarack Obama',
  'A2\tCertain R2 high',
  'T10\tCell 43 50;60 67\tT cells binding',
  '#4\tAnnotatorNotes T10\tdiscontinuous',
  '',
].join('\n');

describe('brat line kinds through import and export', () => {
  it('keeps every T, R, E and argument, A/M, N, note and equivalence line', () => {
    const files = [
      { path: 'doc.txt', text: TXT },
      { path: 'doc.ann', text: ANN },
      { path: 'annotation.conf', text: '[entities]\nProtein\nEntity\nPerson\nGPE\nCell\n[relations]\nEquiv\tArg1:Protein, Arg2:Protein, <REL-TYPE>:symmetric-transitive\nMet\tArg1:Person, Arg2:Person, <REL-TYPE>:symmetric\n[events]\nBinding\tTheme+:Protein, Site*:Entity\nNegative_regulation\tTheme:<EVENT>|Protein\n[attributes]\nNegation\tArg:<EVENT>\nSpeculation\tArg:<EVENT>\n' },
    ];
    const { anns, warnings } = throughParley(files);
    const kept = compareAnn(ANN, anns.get('doc.ann')!);
    expect(kept.before).toEqual({ T: 10, R: 2, E: 2, 'E args': 4, 'A/M': 3, N: 1, '#': 4, '*': 1 });
    expect(kept.kept).toEqual(kept.before);
    expect(warnings.filter((w) => !/added to the schema|allows mentions to overlap only as its <OVERLAP> rules say/.test(w))).toEqual([]);
    // brat's own forms: the M line stays an M line, the note keeps its spaces, the fragments their offsets.
    expect(anns.get('doc.ann')).toMatch(/^M\d+\tNegation E2$/m);
    expect(anns.get('doc.ann')).toMatch(/^#\d+\tAnnotatorNotes R1\tin person {2}$/m);
    expect(anns.get('doc.ann')).toMatch(/^T\d+\tCell 43 50;60 67\tT cells binding$/m);
  });
});
