import type { LabelSchema } from './model';

/** The default schema for political news: who, what organisation, where, when, what about. */
export function defaultSchema(): LabelSchema {
  return {
    labels: [
      { name: 'PERSON', color: '#d1495b', key: 'p', description: 'A named person' },
      { name: 'ORG', color: '#2e86ab', key: 'o', description: 'An organisation, ministry, party or armed group' },
      { name: 'GPE', color: '#3c9d5d', key: 'g', description: 'A country, city or state as a political actor' },
      { name: 'LOC', color: '#8f6fc1', key: 'l', description: 'A place that is not a political entity' },
      { name: 'DATE', color: '#d08c2d', key: 'd', description: 'A date or period' },
      { name: 'EVENT', color: '#c2577a', key: 'e', description: 'A named event: talks, summit, conference' },
      { name: 'TOPIC', color: '#5f7d8e', key: 't', description: 'An issue or proposal under discussion, e.g. "ceasefire"' },
    ],
    frameTypes: [
      {
        name: 'Stance',
        key: 's',
        color: '#6a4c93',
        roles: [
          { name: 'Holder', mentionLabels: ['PERSON', 'ORG', 'GPE'], allowMention: true, allowEntity: true, allowTopic: false, min: 1, max: 1 },
          { name: 'Target', mentionLabels: [], allowMention: true, allowEntity: true, allowTopic: true, min: 1, max: 1 },
        ],
        attributes: [{ name: 'Polarity', values: ['favor', 'against', 'neutral', 'unclear'] }],
      },
      {
        name: 'Agreement',
        key: 'a',
        color: '#1b998b',
        roles: [
          { name: 'Party', mentionLabels: ['PERSON', 'ORG', 'GPE'], allowMention: true, allowEntity: true, allowTopic: false, min: 2, max: null },
          { name: 'Topic', mentionLabels: [], allowMention: true, allowEntity: false, allowTopic: true, min: 1, max: 1 },
        ],
        attributes: [{ name: 'Status', values: ['reached', 'proposed', 'in_negotiation', 'failed', 'rejected'] }],
      },
    ],
    documentFields: [
      { name: 'Outlet', values: [] },
      { name: 'Overall tone', values: ['positive', 'neutral', 'negative', 'mixed'] },
    ],
  };
}
