/**
 * The first minute: a card that says who the analyst is labelling as and the
 * five keys that matter. It shows in the reader's empty page until put away
 * (Esc, or its button), once per analyst per workspace, and opens again as a
 * dialog from the shortcuts sheet, the palette or the Help menu.
 */
import { actionById, keyLabel, runAction } from '../../app/registry';
import { useApp, useAppStore } from '../../app/store';
import { Dialog } from '../../components/Dialog';
import { markSeen, welcomeSlice } from './slice';

function FirstStepsBody() {
  const app = useAppStore();
  const state = useApp((s) => s);
  const info = state.info;
  if (!info) return null;
  const labels = info.schema.labels.filter((l) => l.key).slice(0, 4);
  const frame = (name: string) => info.schema.frameTypes.find((t) => t.name === name && t.key);
  const stance = frame('Stance');
  const agreement = frame('Agreement');
  const key = (id: 'undo' | 'shortcuts') => {
    const a = actionById(state, id);
    return a ? keyLabel(a).split(' or ')[0] : '';
  };
  const from = info.annotatorFrom === 'workspace' ? 'the analyst of this copy of the workspace' : 'from your user settings';
  return (
    <>
      <p className="first-steps-who">
        You are labelling as <strong>{info.annotator}</strong> ({from}); everything you tag is saved under that name.{' '}
        <button className="mini" onClick={() => runAction(app, 'settings')}>
          Not you? Change the name
        </button>
      </p>
      <table className="first-steps-keys" aria-label="The five keys that matter">
        <tbody>
          <tr>
            <th>
              select text, then {labels.length ? labels.map((l) => <kbd key={l.name}>{l.key}</kbd>) : <kbd>a label's key</kbd>}
            </th>
            <td>tag it: {labels.length ? labels.map((l) => `${l.key} ${l.name}`).join(', ') : "each label's key is on its button"}, and the other keys on the label bar</td>
          </tr>
          {stance && (
            <tr>
              <th>
                <kbd>{stance.key}</kbd>
              </th>
              <td>a stance: select the evidence (a sentence or clause), press {stance.key}, then click its holder and target</td>
            </tr>
          )}
          {agreement && (
            <tr>
              <th>
                <kbd>{agreement.key}</kbd>
              </th>
              <td>an agreement: select the evidence, press {agreement.key}, then click the parties</td>
            </tr>
          )}
          <tr>
            <th>
              <kbd>{key('undo')}</kbd>
            </th>
            <td>undo anything, even after a reload</td>
          </tr>
          <tr>
            <th>
              <kbd>{key('shortcuts')}</kbd>
            </th>
            <td>every key of the screen you are on; this card opens again from there</td>
          </tr>
        </tbody>
      </table>
      <p className="muted small">Start by choosing an article in the list on the left: ↑/↓ or j/k, then Enter.</p>
    </>
  );
}

/** In the reader's empty page, until put away. */
export function FirstStepsCard() {
  const app = useAppStore();
  const seen = welcomeSlice.use((s) => s.seen);
  const name = useApp((s) => s.info?.annotator);
  if (seen !== false) return null;
  return (
    <section className="first-steps" aria-label="First steps">
      <h2>Welcome, {name}</h2>
      <FirstStepsBody />
      <div className="row end">
        <button className="primary" onClick={() => markSeen(app)}>
          Got it (Esc)
        </button>
      </div>
    </section>
  );
}

/** Opened again from the shortcuts sheet, the palette or the Help menu. */
export function FirstStepsDialog({ onClose }: { onClose: () => void }) {
  return (
    <Dialog title="First steps" onClose={onClose}>
      <FirstStepsBody />
    </Dialog>
  );
}
