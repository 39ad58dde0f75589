/** Edge and node colours of the network: green for favour, red for against, agreements by status; both themes. */
import type { EdgeKind, NodeKind } from '../../../core/network';

const POLARITY: Record<string, string> = { favor: '#2e9d5a', against: '#d1495b', neutral: '#8a8f98', unclear: '#d08c2d' };
const STATUS: Record<string, string> = { reached: '#1b998b', proposed: '#2e86ab', in_negotiation: '#d08c2d', failed: '#9b5de5', rejected: '#7b2d26' };

export function edgeColour(kind: EdgeKind, value: string): string {
  if (kind === 'agreement') return STATUS[value] ?? '#2e86ab';
  if (kind === 'congruence') return '#7cc596';
  if (kind === 'conflict') return '#f08a8a';
  return POLARITY[value] ?? '#8a8f98';
}

export function nodeColour(kind: NodeKind, dark: boolean): string {
  if (kind === 'topic') return dark ? '#c9a227' : '#a67c00';
  if (kind === 'mention') return dark ? '#9aa5b1' : '#6b7785';
  return dark ? '#7fb0e6' : '#2f5d8a';
}

export const LEGEND: { label: string; colour: string }[] = [
  { label: 'favour', colour: POLARITY.favor },
  { label: 'against', colour: POLARITY.against },
  { label: 'neutral', colour: POLARITY.neutral },
  ...Object.entries(STATUS).map(([s, colour]) => ({ label: `agreement ${s.replace(/_/g, ' ')}`, colour })),
  { label: 'congruence', colour: '#7cc596' },
  { label: 'conflict', colour: '#f08a8a' },
];
