import type { Guide } from '../../../core/model';

interface Props {
  title: string;
  guide?: Guide;
  /** A shorter description to fall back on where no guide is written. */
  description?: string;
  /** Opens the Guidelines pane at the guide's heading. */
  onOpenGuidelines?: (anchor: string) => void;
}

/** What a label, frame type, role or value means: its definition, examples either way, and the question that decides. */
export function GuideCard({ title, guide, description, onOpenGuidelines }: Props) {
  const definition = guide?.definition ?? description;
  return (
    <div className="guide-card">
      <div className="guide-title">{title}</div>
      {definition ? <p className="guide-definition">{definition}</p> : <p className="guide-definition muted">No definition yet: add one in Schema….</p>}
      {guide?.examples?.length ? (
        <div className="guide-examples">
          <span className="guide-tag yes">Is</span>
          <ul>{guide.examples.map((e) => <li key={e}>{e}</li>)}</ul>
        </div>
      ) : null}
      {guide?.counterExamples?.length ? (
        <div className="guide-examples">
          <span className="guide-tag no">Is not</span>
          <ul>{guide.counterExamples.map((e) => <li key={e}>{e}</li>)}</ul>
        </div>
      ) : null}
      {guide?.question && (
        <p className="guide-question">
          <span className="guide-tag">Ask</span> {guide.question}
        </p>
      )}
      {guide?.anchor && onOpenGuidelines && (
        <button className="link guide-more" onMouseDown={(e) => e.preventDefault()} onClick={() => onOpenGuidelines(guide.anchor!)}>
          In the guidelines ›
        </button>
      )}
    </div>
  );
}
