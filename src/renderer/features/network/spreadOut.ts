/**
 * Noverlap (nodes pushed apart so labels have room) run in a web worker:
 * on the page's thread, 60 iterations over 2,000 nodes held the page still
 * for 0.6 s, long enough to freeze a drag begun meanwhile. The worker is the
 * library's own, one iteration a message; the positions come back once.
 */
import type Graph from 'graphology';
import workerBody from 'graphology-layout-noverlap/webworker.js';
import DEFAULTS from 'graphology-layout-noverlap/defaults.js';

export interface NoverlapSettings {
  margin?: number;
  ratio?: number;
  expansion?: number;
}

/** x, y and size of each node, in the graph's node order. */
const STRIDE = 3;

/** Starts noverlap on the graph's nodes as they stand; `done` gets each node's new place, in the graph's node order. Returns a function that stops it. */
export function spreadOut(graph: Graph, maxIterations: number, settings: NoverlapSettings, done: (positions: Float32Array) => void): () => void {
  const nodes = new Float32Array(graph.order * STRIDE);
  let j = 0;
  graph.forEachNode((_, a) => {
    nodes[j] = a.x as number;
    nodes[j + 1] = a.y as number;
    nodes[j + 2] = (a.size as number) || 1;
    j += STRIDE;
  });
  const url = URL.createObjectURL(new Blob([`(${workerBody.toString()}).call(this);`], { type: 'text/javascript' }));
  const worker = new Worker(url);
  URL.revokeObjectURL(url);
  const all = { ...DEFAULTS, ...settings };
  let left = maxIterations;
  worker.addEventListener('message', (e: MessageEvent<{ result: { converged: boolean }; nodes: ArrayBuffer }>) => {
    const matrix = new Float32Array(e.data.nodes);
    if (--left > 0 && !e.data.result.converged) worker.postMessage({ settings: all, nodes: matrix.buffer }, [matrix.buffer]);
    else {
      worker.terminate();
      done(matrix);
    }
  });
  worker.postMessage({ settings: all, nodes: nodes.buffer }, [nodes.buffer]);
  return () => worker.terminate();
}

/** Moves each node of the graph to its place from `spreadOut`, in one update (one redraw). */
export function placeNodes(graph: Graph, positions: Float32Array): void {
  if (positions.length !== graph.order * STRIDE) return;
  let i = 0;
  graph.updateEachNodeAttributes(
    (_, a) => {
      a.x = positions[i];
      a.y = positions[i + 1];
      i += STRIDE;
      return a;
    },
    { attributes: ['x', 'y'] },
  );
}
