/** The adjudicator's note on what gold holds for an item: why it was decided so, for the analysts who read where gold differs from them. */
import { useEffect, useState } from 'react';
import type { Frame, Mention } from '../../../core/model';
import { useAppStore } from '../../app/store';
import { saveGoldNote } from './actions';

export function GoldNote({ mentions, frames }: { mentions: Mention[]; frames: Frame[] }) {
  const app = useAppStore();
  const saved = [...mentions, ...frames].map((r) => r.note ?? '').find(Boolean) ?? '';
  const [note, setNote] = useState(saved);
  useEffect(() => setNote(saved), [saved]);
  if (!mentions.length && !frames.length) return null;
  return (
    <form
      className="gold-note"
      onSubmit={(e) => {
        e.preventDefault();
        void saveGoldNote(app, { mentions, frames }, note);
      }}
    >
      <label className="small" htmlFor="gold-note">
        Note for the analysts (why gold says this)
      </label>
      <textarea id="gold-note" rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
      <button type="submit" disabled={note.trim() === saved.trim()}>
        Save note
      </button>
    </form>
  );
}
