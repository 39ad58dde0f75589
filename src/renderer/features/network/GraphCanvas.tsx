/**
 * The network drawn with sigma (WebGL) over a graphology graph, laid out by
 * ForceAtlas2 in a web worker so dragging and zooming stay smooth while it
 * settles; once at rest, noverlap moves nodes apart so labels do not sit on
 * each other. The date slider hides what later articles add.
 */
import { useEffect, useRef } from 'react';
import Graph from 'graphology';
import Sigma from 'sigma';
import type { NodeDisplayData } from 'sigma/types';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import FA2Layout from 'graphology-layout-forceatlas2/worker';
import noverlap from 'graphology-layout-noverlap';
import type { Network } from '../../../core/network';
import { edgeColour, nodeColour } from './colours';
import { labelPlace } from './labels';
import { EdgeArrowAtOnce, EdgeLineAtOnce, NodeCircleAtOnce } from './programs';
import { placeNodes, spreadOut } from './spreadOut';
import { stillLayers } from './stillLayers';

export type Selection = { kind: 'node'; id: string } | { kind: 'edge'; id: string } | null;

interface Props {
  net: Network;
  /** The last article shown (its order); everything later is hidden. */
  upTo: number;
  selection: Selection;
  dark: boolean;
  onSelect: (s: Selection) => void;
  onRenderer?: (s: Sigma | null) => void;
}

const nodeSize = (weightedDegree: number) => Math.min(28, 3 + 2.2 * Math.sqrt(weightedDegree));
const edgeSize = (weight: number) => Math.min(9, 2 + 1.5 * Math.log2(weight + 1));

/** A repeatable start: nodes on a golden-angle spiral, heaviest in the middle. */
function seedPosition(i: number): { x: number; y: number } {
  const r = Math.sqrt(i + 1) * 10;
  const a = i * 2.399963;
  return { x: r * Math.cos(a), y: r * Math.sin(a) };
}

export function GraphCanvas({ net, upTo, selection, dark, onSelect, onRenderer }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const sigmaRef = useRef<Sigma | null>(null);
  const graphRef = useRef<Graph | null>(null);
  const relabel = useRef<() => void>(() => {});
  /** The articles the drawing shows now; infinity for all of them. */
  const shownUpTo = useRef(Number.POSITIVE_INFINITY);
  const state = useRef({ selection, upTo, onSelect });
  /** The selection the drawing shows: a new drawing is made with it, so its first showing needs no second pass. */
  const drawnSelection = useRef(selection);
  state.current = { selection, upTo, onSelect };

  useEffect(() => {
    const graph = new Graph({ multi: true, type: 'mixed', allowSelfLoops: false });
    // Sized as the date slider sizes them with every article shown (edges to itself are not drawn), so the first drawing needs no second pass.
    const drawnDegree = new Map<string, number>();
    for (const e of net.edges) {
      if (e.source === e.target) continue;
      drawnDegree.set(e.source, (drawnDegree.get(e.source) ?? 0) + e.weight);
      drawnDegree.set(e.target, (drawnDegree.get(e.target) ?? 0) + e.weight);
    }
    net.nodes.forEach((n, i) => graph.addNode(n.id, { ...seedPosition(i), size: nodeSize(drawnDegree.get(n.id) ?? 0), hidden: !drawnDegree.has(n.id), label: n.label, color: nodeColour(n.kind, dark), kind: n.kind }));
    for (const e of net.edges) {
      if (e.source === e.target) continue;
      const attrs = { size: edgeSize(e.weight), color: edgeColour(e.kind, e.value), type: e.directed ? 'arrow' : 'line', weight: e.weight };
      if (e.directed) graph.addDirectedEdgeWithKey(e.id, e.source, e.target, attrs);
      else graph.addUndirectedEdgeWithKey(e.id, e.source, e.target, attrs);
    }
    graphRef.current = graph;
    drawnSelection.current = state.current.selection;
    shownUpTo.current = Number.POSITIVE_INFINITY;
    const labelled = new Set<string>();
    const css = getComputedStyle(document.documentElement);
    const ink = css.getPropertyValue('--ink').trim() || (dark ? '#e6e8eb' : '#1f2328');
    const panel = css.getPropertyValue('--panel').trim() || (dark ? '#1c2127' : '#ffffff');
    const line = css.getPropertyValue('--line').trim() || '#888888';
    const container = box.current!;
    const LABEL_SIZE = 13;
    const LABEL_FONT = 'system-ui, sans-serif';
    const view = () => ({ width: container.offsetWidth, height: container.offsetHeight });
    // A label beside its node, on whichever side keeps it inside the drawing (sigma's own always goes right and is cut at the edge).
    const drawLabel = (ctx: CanvasRenderingContext2D, data: { x: number; y: number; size: number; label?: string | null }, settings: { labelSize: number; labelFont: string; labelWeight: string }) => {
      const text = data.label;
      if (!text) return;
      ctx.font = `${settings.labelWeight} ${settings.labelSize}px ${settings.labelFont}`;
      const place = labelPlace(data.x, data.y, data.size, ctx.measureText(text).width, settings.labelSize, view());
      if (!place) return;
      ctx.fillStyle = ink;
      ctx.fillText(text, place.textX, data.y + settings.labelSize / 3);
    };
    // The hovered or selected node's label on a box in the theme's colours (sigma's own box is always white), inside the drawing too.
    const drawHover = (ctx: CanvasRenderingContext2D, data: { x: number; y: number; size: number; label?: string | null }, settings: { labelSize: number; labelFont: string; labelWeight: string }) => {
      const text = data.label ?? '';
      ctx.font = `${settings.labelWeight} ${settings.labelSize}px ${settings.labelFont}`;
      const w = ctx.measureText(text).width;
      const { width, height } = view();
      const y = Math.max(settings.labelSize / 2 + 5, Math.min(height - settings.labelSize / 2 - 5, data.y));
      const place = labelPlace(data.x, y, data.size + 3, w, settings.labelSize, { width, height }) ?? { textX: Math.max(4, Math.min(width - w - 4, data.x + data.size + 6)) };
      ctx.fillStyle = panel;
      ctx.strokeStyle = line;
      ctx.beginPath();
      ctx.rect(place.textX - 4, y - settings.labelSize / 2 - 4, w + 8, settings.labelSize + 8);
      ctx.fill();
      ctx.stroke();
      ctx.fillStyle = ink;
      ctx.fillText(text, place.textX, y + settings.labelSize / 3);
    };
    const renderer = new Sigma(graph, box.current!, {
      enableEdgeEvents: true,
      defaultEdgeType: 'line',
      nodeProgramClasses: { circle: NodeCircleAtOnce },
      edgeProgramClasses: { arrow: EdgeArrowAtOnce, line: EdgeLineAtOnce },
      labelColor: { color: ink },
      labelFont: LABEL_FONT,
      labelSize: LABEL_SIZE,
      // Labels are placed by placeLabels below, never on top of each other.
      labelRenderedSizeThreshold: Number.POSITIVE_INFINITY,
      zIndex: true,
      stagePadding: 50,
      // A large network keeps dragging and zooming smooth on a machine without a GPU: edges and labels come back when the camera stops.
      hideEdgesOnMove: graph.size > 4000,
      hideLabelsOnMove: true,
      defaultDrawNodeLabel: drawLabel,
      defaultDrawNodeHover: drawHover,
      nodeReducer: (node, data) => {
        const { selection: sel } = state.current;
        // Nothing selected and no label placed: the node as it is, no copy (this runs for every node on every refresh).
        if (!sel && !labelled.has(node)) return data;
        const res: Partial<NodeDisplayData> = { ...data, forceLabel: labelled.has(node) };
        if (sel?.kind === 'node') {
          if (node === sel.id) {
            res.forceLabel = true;
            res.zIndex = 1;
          }
          else if (!graph.areNeighbors(node, sel.id)) res.color = dark ? '#3a4049' : '#d9d6cf';
        }
        return res;
      },
      edgeReducer: (edge, data) => {
        const { selection: sel } = state.current;
        if (!sel) return data;
        const res = { ...data };
        if (sel?.kind === 'node' && !graph.hasExtremity(edge, sel.id)) res.hidden = true;
        if (sel?.kind === 'edge' && sel.id === edge) res.size = (data.size ?? 1) + 3;
        return res;
      },
    });
    // Labels that fit on screen, heaviest node first, each where no other label or node already is.
    const heaviest = [...net.nodes].sort((a, b) => b.weightedDegree - a.weightedDegree).map((n) => n.id);
    // Each label's width as the labels canvas will draw it, measured once.
    const measure = document.createElement('canvas').getContext('2d')!;
    measure.font = `normal ${LABEL_SIZE}px ${LABEL_FONT}`;
    const widths = new Map<string, number>();
    const widthOf = (id: string) => {
      let w = widths.get(id);
      if (w === undefined) widths.set(id, (w = measure.measureText(graph.getNodeAttribute(id, 'label') as string).width));
      return w;
    };
    const placeLabels = () => {
      const dims = renderer.getDimensions();
      const { width, height } = dims;
      // Placed boxes filed by the grid cells they cover, so a new box is tested only against its neighbours.
      const CELL = 64;
      const cells = new Map<number, number[][]>();
      const cellsOf = (b: number[], each: (key: number) => void) => {
        for (let cx = Math.floor(b[0] / CELL); cx <= Math.floor(b[2] / CELL); cx++) for (let cy = Math.floor(b[1] / CELL); cy <= Math.floor(b[3] / CELL); cy++) each(cx * 4096 + cy);
      };
      const before = new Set(labelled);
      labelled.clear();
      const free = (b: number[]) => {
        let clear = true;
        cellsOf(b, (k) => {
          if (clear && cells.get(k)?.some((o) => b[0] < o[2] && b[2] > o[0] && b[1] < o[3] && b[3] > o[1])) clear = false;
        });
        return clear;
      };
      for (const id of heaviest) {
        if (!graph.hasNode(id)) continue;
        const d = renderer.getNodeDisplayData(id);
        if (!d || d.hidden) continue;
        const p = renderer.framedGraphToViewport(d);
        const r = renderer.scaleSize(d.size);
        if (p.x < 0 || p.y < 0 || p.x > width || p.y > height) continue;
        const place = labelPlace(p.x, p.y, r, widthOf(id), LABEL_SIZE, dims);
        if (!place) continue;
        const box = [place.left, place.top, place.right, place.bottom];
        if (free(box)) {
          labelled.add(id);
          cellsOf(box, (k) => {
            const list = cells.get(k);
            if (list) list.push(box);
            else cells.set(k, [box]);
          });
        }
        if (labelled.size >= 400) break;
      }
      // Only the nodes whose label came or went are handed to sigma again, not the whole drawing; drawn either way
      // (the last drawing of a zoom may have been made still moving, without edges and labels).
      const changed = [...labelled].filter((id) => !before.delete(id)).concat([...before]);
      renderer.refresh({ partialGraph: { nodes: changed }, skipIndexation: true });
    };
    let placing = 0;
    const placeSoon = () => {
      window.clearTimeout(placing);
      placing = window.setTimeout(placeLabels, 150);
    };
    // While the camera moves, the layout waits and labels stay where they are: each layout step
    // reprocesses the whole drawing on this thread, which would take the frames dragging needs.
    let moving = 0;
    let layout: FA2Layout | null = null;
    let settling = false;
    let restPending = false;
    const stillMoving = () => moving !== 0;
    const onCamera = () => {
      if (settling && layout?.isRunning()) layout.stop();
      window.clearTimeout(moving);
      moving = window.setTimeout(() => {
        moving = 0;
        if (restPending) rest();
        else if (settling) layout?.start();
        placeSpread();
        placeSoon();
      }, 250);
    };
    renderer.getCamera().on('updated', onCamera);
    relabel.current = placeSoon;
    const unfit = stillLayers(renderer, container, () => settling);
    renderer.on('clickNode', ({ node }) => state.current.onSelect({ kind: 'node', id: node }));
    renderer.on('clickEdge', ({ edge }) => state.current.onSelect({ kind: 'edge', id: edge }));
    renderer.on('clickStage', () => state.current.onSelect(null));
    sigmaRef.current = renderer;
    onRenderer?.(renderer);
    // Drawn as the first frame; marks the moment for the speed measurement.
    box.current!.dataset.drawn = String(performance.now());

    let timer = 0;
    let labelTimer = 0;
    let firstFrame = 0;
    let stopSpreading: (() => void) | null = null;
    /** Where noverlap put the nodes, held while the camera moves. */
    let spread: Float32Array | null = null;
    const atRest = () => {
      renderer.refresh();
      placeLabels();
      if (box.current) box.current.dataset.layout = 'rest';
    };
    const placeSpread = () => {
      if (!spread || stillMoving()) return;
      placeNodes(graph, spread);
      spread = null;
      atRest();
    };
    const NOVERLAP = { maxIterations: 60, settings: { margin: 6, ratio: 1.4, expansion: 1.2 } };
    const rest = () => {
      settling = false;
      // Not while the view is being dragged or zoomed: it runs once the camera stops.
      restPending = stillMoving();
      if (restPending) return;
      // At rest: push overlapping nodes apart, leaving room for their labels; a large network in a worker, off this thread.
      if (graph.order <= 300) {
        noverlap.assign(graph, NOVERLAP);
        atRest();
        return;
      }
      stopSpreading = spreadOut(graph, NOVERLAP.maxIterations, NOVERLAP.settings, (positions) => {
        stopSpreading = null;
        spread = positions;
        placeSpread();
      });
    };
    if (graph.order > 1) {
      const settings = { ...forceAtlas2.inferSettings(graph), barnesHutOptimize: graph.order > 250, adjustSizes: false, slowDown: 3 };
      if (graph.order <= 300) {
        // A small network settles in a few milliseconds here, the same however busy the machine is.
        forceAtlas2.assign(graph, { iterations: 300, settings });
        rest();
      } else {
        settling = true;
        box.current!.dataset.layout = 'running';
        // Begun once the first drawing is on screen: the layout's worker, and the drawing of each of its steps, would hold it back.
        const begin = () => {
          layout = new FA2Layout(graph, { settings });
          if (!stillMoving()) layout.start();
          labelTimer = window.setInterval(() => stillMoving() || placeLabels(), 400);
          timer = window.setTimeout(
            () => {
              layout?.stop();
              window.clearInterval(labelTimer);
              rest();
            },
            Math.min(4000, 1200 + graph.order),
          );
        };
        firstFrame = requestAnimationFrame(() => (timer = window.setTimeout(begin)));
      }
    } else rest();
    return () => {
      cancelAnimationFrame(firstFrame);
      window.clearTimeout(timer);
      window.clearTimeout(placing);
      window.clearTimeout(moving);
      window.clearInterval(labelTimer);
      unfit();
      stopSpreading?.();
      layout?.kill();
      renderer.kill();
      onRenderer?.(null);
      sigmaRef.current = null;
      graphRef.current = null;
    };
    // The drawing is rebuilt only for another network or theme.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [net, dark]);

  // The date slider: hide edges no article up to `upTo` has made, and size the rest by what they weigh so far.
  useEffect(() => {
    const graph = graphRef.current;
    const renderer = sigmaRef.current;
    if (!graph || !renderer) return;
    // Every article shown on a drawing just made as it stands: nothing to hide or resize.
    const lastOrder = net.documents.length - 1;
    const all = upTo >= lastOrder;
    if (all && shownUpTo.current === Number.POSITIVE_INFINITY) return;
    shownUpTo.current = all ? Number.POSITIVE_INFINITY : upTo;
    const degree = new Map<string, number>();
    for (const e of net.edges) {
      if (!graph.hasEdge(e.id)) continue;
      let w = 0;
      for (const i of e.frames) if (net.frames[i].order <= upTo) w++;
      const weight = e.kind === 'congruence' || e.kind === 'conflict' ? (w ? e.weight : 0) : w;
      graph.mergeEdgeAttributes(e.id, { hidden: weight === 0, size: edgeSize(weight) });
      if (weight) {
        degree.set(e.source, (degree.get(e.source) ?? 0) + weight);
        degree.set(e.target, (degree.get(e.target) ?? 0) + weight);
      }
    }
    graph.forEachNode((n) => graph.mergeNodeAttributes(n, { hidden: !degree.has(n), size: nodeSize(degree.get(n) ?? 0) }));
    renderer.refresh();
    relabel.current();
  }, [net, upTo]);

  useEffect(() => {
    if (drawnSelection.current === selection) return;
    drawnSelection.current = selection;
    sigmaRef.current?.refresh({ skipIndexation: true });
  }, [selection]);

  return <div ref={box} className="network-canvas" data-testid="network-canvas" aria-label="Network drawing: click a node or an edge" role="img" />;
}
