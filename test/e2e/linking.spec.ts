/**
 * Entity linking and "Find other mentions" as an analyst meets them: real
 * drags and key presses, and what the workspace files hold afterwards.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, mark, openDocument, selectText, test, type Server } from './helpers';
import { layerOnDisk } from '../../bench/integrity/disk';

const KURDS = 'Russia and US fail to agree on Syria and Ukraine';

interface Registry {
  entities: { id: string; name: string; type: string; aliases: string[] }[];
}
const registry = async (server: Server): Promise<Registry> => JSON.parse(await readFile(join(server.workspace, 'entities.json'), 'utf8'));

/** The analyst's layers, by document id (the app has one annotator here). */
async function layers(server: Server): Promise<Map<string, { status: string; mentions: { quote: string; label: string; entityId?: string; pending?: boolean }[] }>> {
  const out = new Map();
  const root = join(server.workspace, 'annotations');
  for (const who of await readdir(root)) {
    // A layer is its file plus the edits appended to its journal since.
    for (const f of (await readdir(join(root, who))).filter((n) => n.endsWith('.json'))) out.set(f.replace(/\.json$/, ''), await layerOnDisk(server.workspace, who, f.replace(/\.json$/, '')));
  }
  return out;
}

async function openDocId(page: Page): Promise<string> {
  return (await page.getByRole('listbox', { name: 'Documents' }).getByRole('option', { selected: true }).getAttribute('data-doc-id')) ?? '';
}

test('linking offers the same type first, asks before crossing types, and adds an alias only when asked', async ({ app, server }) => {
  await openDocument(app, KURDS);
  const card = app.getByRole('region', { name: 'Selected mention' });

  // A PERSON entity, created under its short name from a long mention.
  await selectText(app, 'Russian Foreign Minister Sergei Lavrov');
  await app.keyboard.press('p');
  await card.getByLabel('Find or create an entity').click();
  await app.keyboard.type('Sergei Lavrov');
  await card.getByRole('button', { name: 'Create entity “Sergei Lavrov” (PERSON)' }).click();
  await expect(card.getByRole('button', { name: 'Sergei Lavrov', exact: true })).toBeVisible();
  // Linking grew no alias; adding one is offered as a choice of its own.
  await expect(card.getByRole('button', { name: 'Add “Russian Foreign Minister Sergei Lavrov” as an alias' })).toBeVisible();
  await expect.poll(async () => (await registry(server)).entities.map((e) => [e.name, e.aliases])).toEqual([['Sergei Lavrov', []]]);

  // "Russia" as a place: the person is not offered at all; creating the place is.
  await app.keyboard.press('Escape');
  await selectText(app, 'Russia and the United States');
  await app.keyboard.press('Escape');
  await selectText(app, 'Russia', 1);
  await app.keyboard.press('g');
  await expect(card.locator('.quote')).toHaveText('Russia');
  await expect(card.getByRole('button', { name: /Link to/ })).toHaveCount(0);
  await card.getByRole('button', { name: 'Create entity “Russia” (GPE)' }).click();
  await expect(card.getByRole('button', { name: 'Russia', exact: true })).toBeVisible();

  // An ORG mention typed "Russia": the GPE entity is offered as another type, and Enter asks first.
  await app.keyboard.press('Escape');
  await selectText(app, 'Russian Foreign Ministry');
  await app.keyboard.press('o');
  await card.getByLabel('Find or create an entity').click();
  await app.keyboard.type('Russia');
  await expect(card.getByRole('button', { name: /Link to Russia/ })).toContainText('GPE, not ORG');
  await app.keyboard.press('Enter');
  const ask = card.getByRole('group', { name: 'Link across types' });
  await expect(ask).toContainText('Russia is a GPE; this mention is a ORG. Link it anyway?');
  await expect(mark(app, 'Russian Foreign Ministry').first()).not.toHaveAttribute('data-entity-id', /./);
  await ask.getByRole('button', { name: 'Cancel' }).click();
  await expect(ask).toHaveCount(0);
  await app.keyboard.press('Enter');
  await ask.getByRole('button', { name: 'Link anyway' }).click();
  await expect(card.getByRole('button', { name: 'Russia', exact: true })).toBeVisible();

  // The alias, now asked for.
  await mark(app, 'Russian Foreign Minister Sergei Lavrov').click();
  await card.getByRole('button', { name: 'Add “Russian Foreign Minister Sergei Lavrov” as an alias' }).click();
  await expect(app.locator('.toasts').filter({ hasText: 'is now an alias of Sergei Lavrov' }).first()).toBeVisible();
  await expect(card.getByRole('button', { name: /as an alias/ })).toHaveCount(0);

  const reg = await registry(server);
  expect(reg.entities.map((e) => [e.name, e.type, e.aliases]).sort()).toEqual([
    ['Russia', 'GPE', []],
    ['Sergei Lavrov', 'PERSON', ['Russian Foreign Minister Sergei Lavrov']],
  ]);
  const russia = reg.entities.find((e) => e.name === 'Russia')!.id;
  const docId = await openDocId(app);
  await expect
    .poll(async () =>
      (await layers(server))
        .get(docId)
        ?.mentions.map((m) => [m.quote, m.label, m.entityId === russia])
        .sort(),
    )
    .toEqual([
      ['Russia', 'GPE', true],
      ['Russian Foreign Minister Sergei Lavrov', 'PERSON', false],
      ['Russian Foreign Ministry', 'ORG', true],
    ]);
});

test('"Find other mentions" leaves documents with no accepted mention untouched', async ({ app, server }) => {
  await openDocument(app, KURDS);
  await selectText(app, 'Staffan de Mistura');
  await app.keyboard.press('p');
  const card = app.getByRole('region', { name: 'Selected mention' });
  await card.getByRole('button', { name: 'Create entity “Staffan de Mistura” (PERSON)' }).click();
  await card.getByRole('button', { name: 'Staffan de Mistura', exact: true }).click();
  await app.getByLabel('Aliases').fill('De Mistura');
  await app.getByRole('button', { name: 'Save', exact: true }).click();
  await app.getByRole('button', { name: 'Find other mentions' }).click();
  const panel = app.getByRole('region', { name: 'Suggestions' });
  await expect(panel).toContainText('In other documents');

  // Every other document is still "Not started" in the list and on disk, its suggestions pending.
  const list = app.getByRole('listbox', { name: 'Documents' });
  const others = list.getByRole('option').filter({ hasNotText: KURDS });
  await expect(others).toHaveCount(4);
  for (const row of await others.all()) await expect(row).not.toContainText('In progress');
  const saved = await layers(server);
  const untouched = [...saved.values()].filter((l) => l.mentions.every((m) => m.pending));
  expect(untouched.length).toBeGreaterThan(0);
  for (const l of untouched) expect(l.status).toBe('not_started');

  // An export of everything carries only the document with an accepted mention.
  await app.keyboard.press('Control+e');
  const dialog = app.getByRole('dialog', { name: 'Export dataset' });
  await expect(dialog).toContainText('Will write 1 documents, 1 mentions');
});
