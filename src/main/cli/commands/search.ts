import type { SearchPage } from '../../../core/api/search';
import { ParleyError } from '../../../core/errors';
import { SearchQuerySchema, type SearchQuery } from '../../../core/search';
import { SearchService } from '../../search/service';
import type { Workspace } from '../../workspace';
import { checkMayRead } from '../../team/teamFile';
import { jsonOption, workspaceOption, type CliCommand, type CliValues } from '../command';
import { checked, currentAnnotator, openExisting, out, plural, requireWorkspace, UsageError } from '../shared';

export const search: CliCommand = {
  name: 'search',
  usage: `  parley search --workspace DIR [--regex|--phrase] [--case] [--substring]
               [--label L] [--entity E] [--frame T] [--attr NAME=VALUE]
               [--annotator NAME] [--status S] [--json] [QUERY]
                                             every hit: document, start, end, context; and the total`,
  table: [
    [
      'parley search --workspace DIR [--regex|--phrase] [--case] [--substring] [--label L] [--entity E] [--frame T --attr NAME=VALUE] [--annotator NAME] [--status S] [--json] [QUERY]',
      "one hit a line (document id, start, end, keyword in context) and the total; whole words, any case unless asked; the filters read the analyst's layer; reads only, so it works while the app has the workspace open",
    ],
  ],
  options: {
    ...workspaceOption,
    ...jsonOption,
    regex: { type: 'boolean' },
    phrase: { type: 'boolean' },
    case: { type: 'boolean' },
    substring: { type: 'boolean' },
    label: { type: 'string' },
    entity: { type: 'string' },
    frame: { type: 'string' },
    attr: { type: 'string' },
    annotator: { type: 'string' },
    status: { type: 'string' },
  },
  async run({ values, positionals }) {
    // Read only: no lock, so it runs while the app has the workspace open.
    const ws = await openExisting(requireWorkspace(values), { readOnly: true });
    const me = await currentAnnotator(ws.root);
    const query = searchQuery(values, positionals, ws);
    // Blind annotation keeps the filters to this copy's analyst's layer, as in the window.
    if (query.annotator) await checkMayRead(ws, me, query.annotator);
    return runSearch(ws, me, query, values.json === true);
  },
};

function searchQuery(values: CliValues, positionals: string[], ws: Workspace): SearchQuery {
  if (values.regex && values.phrase) throw new UsageError('--regex and --phrase cannot go together');
  let frameAttr: { name: string; value: string } | undefined;
  if (typeof values.attr === 'string') {
    const [name, ...value] = values.attr.split('=');
    if (!name || value.length === 0) throw new UsageError(`--attr takes NAME=VALUE, e.g. polarity=against (not ${values.attr})`);
    frameAttr = { name, value: value.join('=') };
  }
  return checked(SearchQuerySchema, {
    text: positionals.join(' '),
    mode: values.regex ? 'regex' : values.phrase ? 'phrase' : 'text',
    wholeWord: !values.substring,
    caseSensitive: values.case === true,
    label: values.label,
    entityId: typeof values.entity === 'string' ? entityIdOf(ws, values.entity) : undefined,
    frameType: values.frame,
    frameAttr,
    annotator: values.annotator,
    status: values.status,
  });
}

/** An entity by id, name or alias (any case). */
function entityIdOf(ws: Workspace, key: string): string {
  const lower = key.toLowerCase();
  const e = ws.entities.find((x) => x.id === key) ?? ws.entities.find((x) => [x.name, ...x.aliases].some((n) => n.toLowerCase() === lower));
  if (!e) throw new UsageError(`no entity with the id, name or alias ${key}`);
  return e.id;
}

/** Prints hits as they are found, then the total. Reads only: another process may hold the workspace meanwhile. */
async function runSearch(ws: Workspace, annotator: string, query: SearchQuery, json: boolean): Promise<number> {
  const search = new SearchService(ws.root, ws.entries, { writable: false, inline: true });
  const id = search.start(query, annotator);
  const stop = () => search.cancel(id);
  process.once('SIGINT', stop);
  let offset = 0;
  let page: SearchPage;
  if (json) process.stdout.write('{"hits":[');
  for (;;) {
    page = await search.page(id, offset, 1_000);
    if (page.error) throw new ParleyError(page.error.code as ParleyError['code'], page.error.message);
    for (const h of page.hits) {
      if (json) process.stdout.write((offset > 0 ? ',' : '') + JSON.stringify(h));
      else out(`${h.docId}\t${h.start}\t${h.end}\t${h.left}[${h.quote}]${h.right}`);
      offset++;
    }
    if (page.done && offset >= page.total) break;
    if (page.hits.length === 0) await new Promise((r) => setTimeout(r, 5));
  }
  process.off('SIGINT', stop);
  if (json) process.stdout.write(`],"total":${page.total},"documents":${page.documents}${page.cancelled ? ',"cancelled":true' : ''}}\n`);
  else out(`${plural(page.total, 'hit')} in ${plural(page.documents, 'document')}${page.cancelled ? ' (cancelled)' : ''}.`);
  await search.close();
  return 0;
}
