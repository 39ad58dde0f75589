/** The reader's choice of a colleague whose labels are drawn over the text, read-only (Alt+C steps through them). */
import { useEffect } from 'react';
import { useApp, useAppStore } from '../../app/store';
import { loadColleagues, showColleague } from './actions';
import { colleagueSlice } from './slice';

export function ColleaguePicker() {
  const app = useAppStore();
  const doc = useApp((s) => s.doc);
  const shown = colleagueSlice.use((s) => s.shown);
  const available = colleagueSlice.use((s) => s.available);
  const drawn = colleagueSlice.use((s) => s.drawn);

  // Each document opened (or opened again) asks which colleagues it can show, and draws the chosen one's marks.
  useEffect(() => {
    if (doc) void loadColleagues(app, doc);
  }, [app, doc]);

  if (!doc || !available.length) return null;
  const here = drawn && drawn.docId === doc.doc.id && drawn.annotator === shown ? drawn : null;
  const count = here ? (here.exists ? `${plural(here.mentions, 'mention')}${here.frames ? `, ${plural(here.frames, 'frame')}` : ''}, outlined` : 'no labels here') : '';
  // Compact, as the head's tools share one row from 1024 wide: the options say what they are; the count shows where there is room.
  return (
    <label className="field-inline colleague-pick" title={`A colleague’s labels drawn over the text, outlined and read-only (Alt+C)${count ? `: ${count}` : ''}`}>
      <select aria-label="Show a colleague’s labels" value={shown && available.includes(shown) ? shown : ''} onChange={(e) => void showColleague(app, e.target.value || null)}>
        <option value="">No colleague</option>
        {available.map((a) => (
          <option key={a} value={a}>
            {a}’s labels
          </option>
        ))}
      </select>
      {count && <span className="muted colleague-count">{count}</span>}
    </label>
  );
}

const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
