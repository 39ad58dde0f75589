/** The Guidelines tab beside the text, and the definition cards the label bar, the mention card and the frame card show on hover. */
import { useEffect, type ReactElement } from 'react';
import type { Guide } from '../../../core/model';
import { useAppStore } from '../../app/store';
import { GuideCard } from './GuideCard';
import { GuidelinesPane } from './GuidelinesPane';
import { HoverGuide } from './HoverGuide';
import { loadGuidelines, openGuidelines, saveGuidelines } from './actions';
import { guidelinesSlice } from './slice';

export function GuidelinesTab() {
  const app = useAppStore();
  const guidelines = guidelinesSlice.use((s) => s.guidelines);
  const target = guidelinesSlice.use((s) => s.target);
  const epoch = guidelinesSlice.use((s) => s.epoch);
  // Asked for when the tab shows, and again when a workspace loads (which clears them).
  useEffect(() => {
    if (!guidelinesSlice.of(app.state).guidelines) void loadGuidelines(app);
  }, [app, epoch]);
  return <GuidelinesPane guidelines={guidelines} anchor={target?.anchor ?? null} onSave={(text, before) => saveGuidelines(app, text, before)} onReload={() => void loadGuidelines(app)} />;
}

/** `children` with its definition on hover and focus. */
export function WithGuide({ title, guide, description, children }: { title: string; guide?: Guide; description?: string; children: ReactElement }) {
  const app = useAppStore();
  return (
    <HoverGuide disabled={!guide && !description} card={<GuideCard title={title} guide={guide} description={description} onOpenGuidelines={(anchor) => openGuidelines(app, anchor)} />}>
      {children}
    </HoverGuide>
  );
}
