/** `parley --help` and the README's CLI table, both made from the command table (commands/index.ts). */
import type { ParseArgsOptionsConfig } from './command';
import { defaultWorkspaceDir } from '../paths';
import { COMMANDS } from './commands';

export function usage(): string {
  return `Parley: annotate entities, stances and agreements in news articles.

Usage:
${COMMANDS.map((c) => c.usage).join('\n')}

Formats: native (lossless JSONL), brat, conll, doccano, labelstudio, spacy,
webanno (WebAnno TSV 3.3, as INCEpTION exchanges it), csv (export only), text and html (import only); import also takes another
analyst's workspace folder (--format workspace) and adds their layers for
documents this workspace has with the same text.

Without --workspace, serve uses the default workspace in the app-data folder
(${defaultWorkspaceDir()}), created from the sample corpus on first start.`;
}

/** Every command's options in one table, as `parseArgs` takes them (the same option means the same thing in every command). */
export function allOptions(): ParseArgsOptionsConfig {
  return Object.assign({}, ...COMMANDS.map((c) => c.options));
}

/** The README's table of commands, in Markdown. */
export function cliTable(): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|');
  const rows = COMMANDS.flatMap((c) => c.table).map(([line, what]) => `| \`${cell(line)}\` | ${cell(what)} |`);
  return ['| command | what it does |', '| --- | --- |', ...rows].join('\n');
}
