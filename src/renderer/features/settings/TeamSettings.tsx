/**
 * The team part of Settings: blind double annotation (auto, on, off) and
 * who leads, as the shared team.json holds them. Once a lead is named only
 * the lead changes them; others see why.
 */
import { useEffect, useState } from 'react';
import type { BlindMode, TeamSettings } from '../../../core/api/team';
import { useAppStore } from '../../app/store';
import { loadTeam, saveTeam } from './actions';

const MODES: { mode: BlindMode; label: string }[] = [
  { mode: 'auto', label: 'On once two analysts have layers in the shared workspace' },
  { mode: 'on', label: 'On' },
  { mode: 'off', label: 'Off' },
];

export function TeamFieldset() {
  const app = useAppStore();
  const [team, setTeam] = useState<TeamSettings | null>(null);
  useEffect(() => {
    void loadTeam(app).then(setTeam);
  }, [app]);
  if (!team) return null;
  const mayChange = team.lead === null || team.lead === team.me;
  const change = (patch: Parameters<typeof saveTeam>[1]) => void saveTeam(app, patch).then((t) => t && setTeam(t));
  return (
    <fieldset className="settings-group team-settings">
      <legend>Team</legend>
      <div className="row" role="radiogroup" aria-label="Blind double annotation">
        <span className="field-label">Blind double annotation</span>
        {MODES.map(({ mode, label }) => (
          <label key={mode} className="field-inline">
            <input type="radio" name="blind" checked={team.blind === mode} disabled={!mayChange} onChange={() => change({ blind: mode })} />
            {label}
          </label>
        ))}
      </div>
      <p className="small" aria-label="Blind annotation now">
        <strong>{team.blindOn ? 'Blind annotation is on' : 'Blind annotation is off'}</strong>
        {team.blindOn
          ? `: each analyst's suggestions (learned without gold), search filters, Corpus view and document list use only their own layer${team.lead ? `; ${team.lead}, the lead, sees all` : ''}.`
          : ': every analyst sees the others’ layers and gold, and suggestions learn from all of them.'}{' '}
        <span className="muted">
          Analysts with layers: {team.analysts.length ? team.analysts.join(', ') : 'none yet'}. Lead: {team.lead ?? 'nobody named (whoever shares the workspace leads)'}.
        </span>
      </p>
      {!mayChange && <p className="muted small">Only the lead, {team.lead}, changes these.</p>}
      {mayChange && team.lead !== team.me && (
        <button type="button" onClick={() => change({ lead: team.me })}>
          Make me ({team.me}) the lead
        </button>
      )}
    </fieldset>
  );
}
