/**
 * The writer the journal kill test kills: adds and removes mentions on one
 * document through the API forever (each save appends to the layer's
 * journal, and compaction runs every few saves), printing `ack add ID` or
 * `ack remove ID` once a change is acknowledged (and `try remove ID` before).
 *
 * node --import tsx bench/integrity/journal-writer.ts WORKSPACE SEED
 */
import { createHandlers } from '../../src/main/handlers';
import { Session } from '../../src/main/session';
import { SettingsStore } from '../../src/main/settings/settingsFile';
import { seededRandom } from '../../src/core/random';
import type { Mention } from '../../src/core/model';

const [dir, seedArg] = process.argv.slice(2);
const seed = Number(seedArg);
const random = seededRandom(seed);
const say = (line: string) => process.stdout.write(line + '\n');

async function main(): Promise<void> {
  const session = await Session.start(dir, {}, await SettingsStore.load());
  const api = createHandlers(session);
  const docId = 'd0';
  const { text } = await session.workspace.document(docId);
  const words = [...text.matchAll(/[A-Za-z]+/g)];
  const mine: Mention[] = [];
  say('ready');
  for (let i = 0; ; i++) {
    if (mine.length > 0 && random() < 0.25) {
      const m = mine.splice(Math.floor(random() * mine.length), 1)[0];
      // Said first: a removal cut short by the kill may or may not have reached the disk.
      say(`try remove ${m.id}`);
      await api['annotations.change']({ docId, change: { op: 'removeMention', mention: m } });
      say(`ack remove ${m.id}`);
      continue;
    }
    const w = words[Math.floor(random() * words.length)];
    const m: Mention = { id: `j${seed}_${i}`, label: 'PERSON', start: w.index!, end: w.index! + w[0].length, quote: w[0], origin: 'manual', author: 'ana', createdAt: new Date().toISOString() };
    await api['annotations.change']({ docId, change: { op: 'addMention', mention: m } });
    mine.push(m);
    say(`ack add ${m.id}`);
  }
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exit(1);
});
