/**
 * `npm run bench`: measures Parley's speed targets and prints a table
 * (`--json`: one JSON object with every figure).
 */
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { benchAgreement } from './agreement';
import { benchBigSave } from './big';
import { benchDurable } from './durable';
import { benchCorpus } from './corpus';
import { benchConllImport } from './conllImport';
import { benchExport } from './export';
import { benchSync } from './sync';
import { benchPeer } from './peer';
import { benchReader } from './reader';
import { benchNetworkCompute, benchNetworkView } from './network';
import { benchSuggest } from './suggest';

interface Row {
  key: string;
  value: number;
  target: string;
  ok: boolean;
}

async function main(): Promise<void> {
  const json = process.argv.includes('--json');
  if (!existsSync('out/renderer/index.html')) {
    const r = spawnSync(process.execPath, ['node_modules/electron-vite/bin/electron-vite.js', 'build'], { stdio: 'ignore' });
    if (r.status !== 0) throw new Error('build failed: run npm run build');
  }
  const figures: Record<string, number> = {};
  const rows: Row[] = [];
  const add = (key: string, value: number, target: string, ok: boolean) => {
    figures[key] = value;
    rows.push({ key, value, target, ok });
  };

  const reader = await benchReader();
  add('open_first_paint_ms', reader.open_first_paint_ms, '≤ 150', reader.open_first_paint_ms <= 150);
  add('open_interactive_ms', reader.open_interactive_ms, '≤ 1000', reader.open_interactive_ms <= 1000);
  add('add_mention_paint_ms', reader.add_mention_paint_ms, '≤ 16', reader.add_mention_paint_ms <= 16);
  add('open_10mb_first_paint_ms', reader.open_10mb_first_paint_ms, '≤ 300 (10 MB article, 20,000 mentions)', reader.open_10mb_first_paint_ms <= 300);
  const network = await benchNetworkCompute();
  add('network_10k_frames_ms', network.network_10k_frames_ms, `≤ 500 (10,000 frames over 2,000 entities: ${network.network_nodes.toLocaleString('en')} nodes, ${network.network_edges.toLocaleString('en')} edges with congruence and conflict, GraphML written)`, network.network_10k_frames_ms <= 500);
  const networkView = await benchNetworkView();
  add('network_view_first_draw_ms', networkView.network_view_first_draw_ms, '≤ 1000 (the same network, stances and agreements, in the Network view)', networkView.network_view_first_draw_ms <= 1000);
  add('network_view_fps', networkView.network_view_fps, '≥ 30 (dragging and zooming it, WebGL on SwiftShader)', networkView.network_view_fps >= 30);
  const peer = await benchPeer();
  add('open_200k_first_paint_ms', peer.open_200k_first_paint_ms, `reported (${peer.peer_chars.toLocaleString('en')} characters, ${peer.peer_mentions.toLocaleString('en')} mentions)`, true);
  add('peer_ls_open_200k_ms', peer.peer_ls_open_200k_ms, `reported (Label Studio 1.0.1's frontend, the same article; every region drawn at ${peer.peer_ls_all_regions_ms} ms)`, true);
  add('peer_ls_ratio', peer.peer_ls_ratio, '≥ 50 (Label Studio ÷ Parley)', peer.peer_ls_ratio >= 50);
  const big = await benchBigSave();
  add('add_mention_durable_ms_big', big.add_mention_durable_ms_big, `≤ 5 (1 MB article, 20,000 mentions; ${big.add_mention_durable_ms_small} ms on a 3,000-character one)`, big.add_mention_durable_ms_big <= 5);
  const durable = await benchDurable();
  add('add_mention_durable_ms_10', durable.add_mention_durable_ms_10, '≤ 10', durable.add_mention_durable_ms_10 <= 10);
  const ratio = durable.add_mention_durable_ms_10000 / durable.add_mention_durable_ms_10;
  add('add_mention_durable_ms_10000', durable.add_mention_durable_ms_10000, '≤ 1.2 × the 10-document figure', ratio <= 1.2 && durable.add_mention_durable_ms_10000 <= 12);

  const agreement = benchAgreement();
  add('agreement_1m_tokens_ms', agreement.agreement_1m_tokens_ms, `≤ 1000 (${agreement.tokens.toLocaleString('en')} tokens, 3 annotators)`, agreement.agreement_1m_tokens_ms <= 1000);

  const exp = await benchExport();
  add('export_native_ratio', exp.export_native_ratio, `≥ 0.5 (${exp.docs_per_second.native} docs/s; × JSON.stringify + write)`, exp.export_native_ratio >= 0.5);
  add('export_brat_ratio', exp.export_brat_ratio, `≥ 0.25 (${exp.docs_per_second.brat} docs/s)`, exp.export_brat_ratio >= 0.25);
  add('export_conll_ratio', exp.export_conll_ratio, `≥ 0.25 (${exp.docs_per_second.conll} docs/s)`, exp.export_conll_ratio >= 0.25);
  add('export_peak_rss_mb', exp.export_peak_rss_mb, `does not grow with the corpus (${exp.export_peak_rss_mb_2000} MB at 2,000 documents)`, exp.export_peak_rss_mb <= exp.export_peak_rss_mb_2000 * 1.2);

  const sg = benchSuggest();
  add('suggest_mentions_p', sg.suggest_mentions_p, 'leave-one-out on the 5 labelled sample articles, exact span and label, score ≥ 0.5', true);
  add('suggest_mentions_r', sg.suggest_mentions_r, 'same', true);
  add('suggest_mentions_f1', sg.suggest_mentions_f1, `same (generated text, unseen names: ${sg.suggest_generated_mentions_f1})`, true);
  add('suggest_frames_f1', sg.suggest_frames_f1, `evidence sentence and frame type (generated text: ${sg.suggest_generated_frames_f1})`, true);
  add('suggest_frames_overlap_p', sg.suggest_frames_overlap_p, '≥ 0.5 (overlapping evidence of the same type)', sg.suggest_frames_overlap_p >= 0.5);
  add('suggest_frames_overlap_r', sg.suggest_frames_overlap_r, '≥ 0.5', sg.suggest_frames_overlap_r >= 0.5);
  add('suggest_train_1k_ms', sg.suggest_train_1k_ms, 'training on 1,000 generated documents of 1,500 characters', true);
  add('suggest_doc_ms', sg.suggest_doc_ms, '≤ 100 (a 10,000-character document, median of 15)', sg.suggest_doc_ms <= 100);
  figures.suggest_generated_mentions_f1 = sg.suggest_generated_mentions_f1;
  figures.suggest_generated_frames_f1 = sg.suggest_generated_frames_f1;
  for (const [n, f1] of Object.entries(sg.curve_seeds)) figures[`suggest_curve_seeds_f1_${n}`] = f1;
  for (const [n, f1] of Object.entries(sg.curve_generated)) figures[`suggest_curve_generated_f1_${n}`] = f1;
  const team = await benchSync();
  add('sync_noop_ms', team.sync_noop_ms, `≤ 500 (${team.docs.toLocaleString('en')}-document shared workspace)`, team.sync_noop_ms <= 500);
  add('sync_100_layers_ms', team.sync_100_layers_ms, '≤ 3000 (100 layers out, 100 in, merged)', team.sync_100_layers_ms <= 3000);

  const conll = await benchConllImport();
  const conllSize = `${conll.documents.toLocaleString('en')} documents, ${conll.mentions.toLocaleString('en')} mentions`;
  add('import_conll_50mb_s', conll.import_conll_50mb_s, `≤ 60 (a generated 49.9 MB CoNLL file, ${conllSize}, parley import steps)`, conll.import_conll_50mb_s <= 60);
  add('import_peak_rss_mb', conll.import_peak_rss_mb, '≤ 1024 (peak resident memory of the process importing it)', conll.import_peak_rss_mb <= 1024);

  const corpus = await benchCorpus();
  const n = `${corpus.documents.toLocaleString('en')} documents`;
  add('import_docs_per_s', corpus.import_docs_per_s, '≥ 1000 (2,000 text files, parley import steps)', corpus.import_docs_per_s >= 1000);
  add('list_100k_first_paint_ms', corpus.list_100k_first_paint_ms, `≤ 500 (${n}, window load to first rows)`, corpus.list_100k_first_paint_ms <= 500);
  add('search_100k_cold_first_ms', corpus.search_100k_cold_first_ms, `≤ 1000 (a name, ${n} just imported: no index yet; CPU ${corpus.search_100k_cold_first_cpu_ms.toLocaleString('en')} ms at load ${corpus.search_100k_cold_load}; count final at ${corpus.search_100k_cold_all_ms.toLocaleString('en')} ms, index built in ${corpus.index_build_s} s)`, corpus.search_100k_cold_first_ms <= 1000);
  add('search_rss_100k_mb', corpus.search_rss_mb, `< 300 (the server, search thread included, after the searches; peak ${corpus.search_rss_peak_mb} MB while the index was built; load ${corpus.search_rss_load})`, corpus.search_rss_mb < 300);
  add('search_100k_first_ms', corpus.search_100k_first_ms, `≤ 200 (a name, ${n})`, corpus.search_100k_first_ms <= 200);
  add('search_100k_all_ms', corpus.search_100k_all_ms, `≤ 1000 (${corpus.search_100k_hits.toLocaleString('en')} hits)`, corpus.search_100k_all_ms <= 1000);
  add('search_regex_100k_ms', corpus.search_regex_100k_ms, `≤ 3000 (${corpus.search_regex_hits.toLocaleString('en')} hits; CPU ${corpus.search_regex_100k_cpu_ms.toLocaleString('en')} ms at load ${corpus.search_regex_100k_load})`, corpus.search_regex_100k_ms <= 3000);
  add('validate_100k_s', corpus.validate_100k_s, `reported (${n})`, true);

  if (json) {
    process.stdout.write(JSON.stringify(figures) + '\n');
    return;
  }
  process.stdout.write(`Reader: a ${reader.article_chars.toLocaleString('en')}-character article with ${reader.article_mentions.toLocaleString('en')} mentions (2,000 overlapping), headless Chromium via the browser host\n\n`);
  const w = Math.max(...rows.map((r) => r.key.length));
  process.stdout.write(`${'measure'.padEnd(w)}  ${'value'.padStart(9)}  target\n${'-'.repeat(w)}  ${'-'.repeat(9)}  ${'-'.repeat(34)}\n`);
  for (const r of rows) process.stdout.write(`${r.key.padEnd(w)}  ${String(r.value).padStart(9)}  ${r.target}${r.ok ? '' : '   (missed)'}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`bench: ${(e as Error).stack ?? String(e)}\n`);
  process.exitCode = 1;
});
