/**
 * Share and Join from the window: the Share dialog makes the open
 * workspace a shared one (a folder on a shared drive or a git host's
 * http(s) URL), the Join dialog (offered by the start screen) copies a
 * shared workspace into a new folder as the analyst who joins, and opens
 * it. Both run in the running server: no restart, the page keeps its token.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { useApp, useAppStore } from '../../app/store';
import { Dialog } from '../../components/Dialog';
import { joinWorkspace, shareWorkspace, teamLead } from './actions';
import { syncSlice } from './slice';

const isHttpUrl = (s: string) => /^https?:\/\//i.test(s.trim());
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** The step a running share or join is at, as the server reports it. */
function Progress({ verb }: { verb: string }) {
  const status = syncSlice.use((s) => s.status);
  const step = status?.phase === 'syncing' ? status.step : null;
  return (
    <p className="sync-progress" role="status">
      <span className="spinner" aria-hidden="true" /> {verb}
      {step ? `: ${step}` : ''}…
    </p>
  );
}

function TokenField({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  return (
    <label className="field">
      <span className="field-label">Access token (for the git host)</span>
      <input type="password" aria-label="Access token" value={value} onChange={(e) => onChange(e.target.value)} autoComplete="off" />
      <span className="muted small">Kept by this app (the OS keychain in the desktop app, memory only in a browser), never in the workspace.</span>
    </label>
  );
}

function Buttons({ busy, onClose, submit, ok }: { busy: boolean; onClose: () => void; submit: string; ok: boolean }): ReactNode {
  return (
    <div className="row end">
      <button type="button" onClick={onClose} disabled={busy}>
        Cancel
      </button>
      <button type="submit" className="primary" disabled={busy || !ok}>
        {submit}
      </button>
    </div>
  );
}

export function ShareDialog({ onClose }: { onClose: () => void }) {
  const app = useAppStore();
  const info = useApp((s) => s.info);
  const busy = syncSlice.use((s) => s.busy);
  const [remote, setRemote] = useState('');
  const [token, setToken] = useState('');
  const [lead, setLead] = useState<string | null>(null);
  useEffect(() => void teamLead().then(setLead), []);
  const me = info?.annotator;
  return (
    <Dialog title="Share this workspace" onClose={() => !busy && onClose()}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (remote.trim()) void shareWorkspace(app, remote.trim(), isHttpUrl(remote) ? token : '');
        }}
      >
        <p>
          Your team works in copies of one shared workspace. Give a new, empty place for it: a folder on a shared drive, or the http(s) address of an
          empty repository on a git host (GitHub, GitLab, Gitea).
        </p>
        <label className="field">
          <span className="field-label">Shared folder or URL</span>
          <input aria-label="Shared folder or URL" value={remote} onChange={(e) => setRemote(e.target.value)} placeholder="/mnt/team/corpus.git or https://git.example.org/team/corpus.git" autoFocus spellCheck={false} disabled={busy} />
        </label>
        {isHttpUrl(remote) && <TokenField value={token} onChange={setToken} />}
        <p className="muted small">
          This copy stays yours: you analyse in it as <strong>{me}</strong>
          {lead && lead !== me ? `; ${lead} leads the team (adjudicates gold, may turn blind annotation off).` : ', and you lead the team (you adjudicate gold and may turn blind annotation off).'} Colleagues join with the
          same address and their own name.
        </p>
        {busy && <Progress verb="Sharing" />}
        <Buttons busy={busy} onClose={onClose} submit="Share" ok={remote.trim().length > 0} />
      </form>
    </Dialog>
  );
}

export function JoinDialog({ onClose }: { onClose: () => void }) {
  const app = useAppStore();
  const info = useApp((s) => s.info);
  const busy = syncSlice.use((s) => s.busy);
  const [remote, setRemote] = useState('');
  const [dir, setDir] = useState('');
  const [name, setName] = useState('');
  const [token, setToken] = useState('');
  const parent = info?.path.replace(/[\\/][^\\/]*$/, '') ?? '';
  const ok = remote.trim().length > 0 && dir.trim().length > 0 && NAME.test(name.trim()) && name.trim() !== 'gold';
  return (
    <Dialog title="Join a shared workspace" onClose={() => !busy && onClose()}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (ok) void joinWorkspace(app, { remote: remote.trim(), dir: dir.trim(), annotator: name.trim(), token: isHttpUrl(remote) ? token : '' });
        }}
      >
        <label className="field">
          <span className="field-label">Shared workspace: folder or URL</span>
          <input aria-label="Shared workspace" value={remote} onChange={(e) => setRemote(e.target.value)} placeholder="/mnt/team/corpus.git or https://git.example.org/team/corpus.git" autoFocus spellCheck={false} disabled={busy} />
        </label>
        {isHttpUrl(remote) && <TokenField value={token} onChange={setToken} />}
        <label className="field">
          <span className="field-label">New folder for your copy</span>
          <input aria-label="Folder for your copy" value={dir} onChange={(e) => setDir(e.target.value)} placeholder={parent ? `${parent}/corpus` : '~/corpus'} spellCheck={false} disabled={busy} />
        </label>
        <label className="field">
          <span className="field-label">Your name as analyst (letters, digits, . _ -)</span>
          <input aria-label="Your name as analyst" value={name} onChange={(e) => setName(e.target.value)} spellCheck={false} disabled={busy} />
          <span className="muted small">Your labels go to annotations/{name.trim() || '…'}/ in your copy, whatever the user settings say; nobody else writes them.</span>
        </label>
        {busy && <Progress verb="Joining" />}
        <Buttons busy={busy} onClose={onClose} submit="Join" ok={ok} />
      </form>
    </Dialog>
  );
}

/** The team dialogs, shown when the app store says so. */
export function SyncDialogs() {
  const app = useAppStore();
  const dialog = useApp((s) => s.dialog);
  if (dialog?.kind === 'share') return <ShareDialog onClose={() => app.closeDialog()} />;
  if (dialog?.kind === 'join') return <JoinDialog onClose={() => app.closeDialog()} />;
  return null;
}
