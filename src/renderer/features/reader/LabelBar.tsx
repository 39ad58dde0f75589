import { memo } from 'react';
import type { FrameTypeDef, LabelDef } from '../../../core/model';
import { OverflowRow } from '../../components/OverflowRow';
import { WithGuide } from '../guidelines/GuidelinesRoom';

interface Props {
  labels: LabelDef[];
  onPick: (label: string) => void;
  /** The schema's frame types with a key (stance, agreement…), shown after the labels so their keys are on screen too. */
  frameTypes: FrameTypeDef[];
  onPickFrame: (type: string) => void;
  disabled: boolean;
}

/** The label bar: the labels, then the frame types, each a button with its key; pressing the key does the same as clicking. */
export const LabelBar = memo(function LabelBar({ labels, onPick, frameTypes, onPickFrame, disabled }: Props) {
  const frames = frameTypes.filter((t) => t.key);
  return (
    <div className="label-bar">
      {/* One row: labels that do not fit are under More (their keys work all the same); the frame keys always show. */}
      <OverflowRow
        className="label-group"
        role="toolbar"
        ariaLabel="Labels"
        moreLabel="More labels"
        keepSelection
        items={labels.map((l) => ({
          key: l.name,
          label: l.key ? `${l.name} (${l.key})` : l.name,
          run: () => onPick(l.name),
          node: (
            // The label's definition shows on hover (a card, so its examples and its link to the guidelines fit).
            <WithGuide title={`${l.name}${l.key ? ` (key ${l.key})` : ''}`} guide={l.guide} description={l.description}>
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
          ),
        }))}
      />
      {frames.length > 0 && (
        <div className="label-group frame-group" role="toolbar" aria-label="Frames">
          {frames.map((t) => (
            <WithGuide key={t.name} title={`${t.name} (key ${t.key})`} guide={t.guide}>
              <button
                className="label-button frame-button"
                style={{ '--c': t.color } as React.CSSProperties}
                aria-keyshortcuts={t.key}
                disabled={disabled}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => onPickFrame(t.name)}
              >
                <span className="swatch" aria-hidden="true" />
                {t.name}
                <kbd>{t.key}</kbd>
              </button>
            </WithGuide>
          ))}
        </div>
      )}
    </div>
  );
});
