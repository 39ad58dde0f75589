import { memo } from 'react';
import type { LabelDef } from '../../../core/model';

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
        <button
          key={l.name}
          className="label-button"
          style={{ '--c': l.color } as React.CSSProperties}
          aria-keyshortcuts={l.key || undefined}
          title={l.description ? `${l.description}${l.key ? ` (key ${l.key})` : ''}` : undefined}
          disabled={disabled}
          // Keep the text selection: a mousedown on a button would otherwise clear it.
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => onPick(l.name)}
        >
          <span className="swatch" aria-hidden="true" />
          {l.name}
          {l.key && <kbd>{l.key}</kbd>}
        </button>
      ))}
    </div>
  );
});
