import { memo } from 'react';
import type { LabelDef } from '../../../core/model';
import { WithGuide } from '../guidelines/GuidelinesRoom';

interface Props {
  labels: LabelDef[];
  onPick: (label: string) => void;
  disabled: boolean;
}

/** The label bar: the labels, each a button with its key; pressing the key does the same as clicking. */
export const LabelBar = memo(function LabelBar({ labels, onPick, disabled }: Props) {
  return (
    <div className="label-bar" role="toolbar" aria-label="Labels">
      {labels.map((l) => (
        // The label's definition shows on hover (a card, so its examples and its link to the guidelines fit).
        <WithGuide key={l.name} title={`${l.name}${l.key ? ` (key ${l.key})` : ''}`} guide={l.guide} description={l.description}>
          <button
            className="label-button"
            style={{ '--c': l.color } as React.CSSProperties}
            aria-keyshortcuts={l.key || undefined}
            disabled={disabled}
            // Keep the text selection: a mousedown on a button would otherwise clear it.
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => onPick(l.name)}
          >
            <span className="swatch" aria-hidden="true" />
            {l.name}
            {l.key && <kbd>{l.key}</kbd>}
          </button>
        </WithGuide>
      ))}
    </div>
  );
});
