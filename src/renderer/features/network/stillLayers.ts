/**
 * Less work a frame for sigma 3.0 (pinned) while the camera moves. Without a
 * GPU, Chromium draws WebGL with SwiftShader and composites in software, so
 * every canvas a frame touches is read back and composited again; sigma
 * clears all six of its canvases on every frame (three of them WebGL), makes
 * its two picking textures anew and draws nodes and edges into them once more
 * in colours that name them. Here a canvas already blank is left alone, and
 * while the camera moves (nothing is hovered then) or the layout settles the
 * picking layers wait: they are drawn again before the next pick. Hover picking, which reads a
 * pixel back and so waits for every drawing queued before it, pauses while
 * the drawing is dragged or wheeled.
 */
import type Sigma from 'sigma';

/** The parts of sigma 3.0's renderer this file reaches into; none of them is public. */
interface Internals {
  settings: { hideEdgesOnMove: boolean; hideLabelsOnMove: boolean; renderEdgeLabels: boolean };
  camera: { isAnimated(): boolean };
  mouseCaptor: { isMoving: boolean; isMouseDown: boolean; draggedEvents: number; currentWheelDirection: number };
  webGLContexts: Record<GlLayer, WebGLRenderingContext>;
  canvasContexts: Record<CanvasLayer, CanvasRenderingContext2D>;
  width: number;
  height: number;
  hoveredNode: string | null;
  highlightedNodes: Set<string>;
  emit(event: string): void;
  render(): unknown;
  clear(): unknown;
  getRenderParams(): object;
  resetWebGLTexture(id: string): unknown;
  renderHighlightedNodes(): unknown;
  getNodeAtPosition(p: { x: number; y: number }): string | null;
  getEdgeAtPoint(x: number, y: number): string | null;
}
type GlLayer = 'nodes' | 'edges' | 'hoverNodes';
type CanvasLayer = 'labels' | 'hovers' | 'edgeLabels';

/** What a render passes its programs: `picking` false while the camera moves (read by the programs in programs.ts). */
export interface PickingParams {
  picking?: boolean;
}

/**
 * Fits the renderer out; returns what undoes the listeners it adds. `passing` says the drawings
 * made now are soon replaced (a layout settling): their picking layers wait too.
 */
export function stillLayers(renderer: Sigma, container: HTMLElement, passing: () => boolean): () => void {
  const r = renderer as unknown as Internals;
  const captor = r.mouseCaptor;
  let moving = false;
  /** This render leaves the picking layers as they are; `picking` makes one draw them whatever. */
  let skip = false;
  let picking = false;
  /** The picking layers were last skipped: what they hold is from an older camera. */
  let stale = false;
  const blank: Record<GlLayer | CanvasLayer, boolean> = { nodes: false, edges: false, hoverNodes: false, labels: false, hovers: false, edgeLabels: false };

  const render = r.render.bind(r);
  r.render = () => {
    // As sigma's render decides it.
    moving = r.camera.isAnimated() || captor.isMoving || captor.draggedEvents > 0 || captor.currentWheelDirection !== 0;
    skip = (moving || passing()) && !picking;
    const out = render();
    // What this frame may have drawn on (marking too much costs only a clear).
    blank.nodes = false;
    if (!(moving && r.settings.hideEdgesOnMove)) blank.edges = false;
    if (!(moving && r.settings.hideLabelsOnMove)) {
      blank.labels = false;
      if (r.settings.renderEdgeLabels) blank.edgeLabels = false;
    }
    return out;
  };
  r.clear = () => {
    r.emit('beforeClear');
    for (const id of ['nodes', 'edges', 'hoverNodes'] as const) {
      if (blank[id]) continue;
      const gl = r.webGLContexts[id];
      gl.bindFramebuffer(gl.FRAMEBUFFER, null);
      gl.clear(gl.COLOR_BUFFER_BIT);
      blank[id] = true;
    }
    for (const id of ['labels', 'hovers', 'edgeLabels'] as const) {
      if (blank[id]) continue;
      r.canvasContexts[id].clearRect(0, 0, r.width, r.height);
      blank[id] = true;
    }
    r.emit('afterClear');
    return renderer;
  };
  const highlight = r.renderHighlightedNodes.bind(r);
  r.renderHighlightedNodes = () => {
    const out = highlight();
    // It clears both of its layers itself, then draws the hovered and highlighted nodes.
    const none = r.hoveredNode === null && r.highlightedNodes.size === 0;
    blank.hovers = none;
    blank.hoverNodes = none;
    return out;
  };
  const params = r.getRenderParams.bind(r);
  r.getRenderParams = (): PickingParams => ({ ...params(), picking: !skip });
  const resetTexture = r.resetWebGLTexture.bind(r);
  r.resetWebGLTexture = (id) => {
    if (skip) {
      stale = true;
      return renderer;
    }
    stale = false;
    return resetTexture(id);
  };

  let wheeled = false;
  const onWheel = () => (wheeled = true);
  const onDown = () => (wheeled = false);
  container.addEventListener('wheel', onWheel, { passive: true, capture: true });
  container.addEventListener('mousedown', onDown, { capture: true });
  // Paused from the press on: sigma counts a drag only after its first move, which picked too (its press events, downNode and the like, are not used here).
  const panning = () => wheeled || captor.isMouseDown;
  const nodeAt = r.getNodeAtPosition.bind(r);
  const edgeAt = r.getEdgeAtPoint.bind(r);
  const fresh = () => {
    if (panning()) return false;
    // Drawn again as it is now, picking layers and all.
    if (stale) {
      picking = true;
      try {
        r.render();
      } finally {
        picking = false;
      }
    }
    return !stale;
  };
  r.getNodeAtPosition = (p) => (fresh() ? nodeAt(p) : null);
  r.getEdgeAtPoint = (x, y) => (fresh() ? edgeAt(x, y) : null);
  return () => {
    container.removeEventListener('wheel', onWheel, { capture: true });
    container.removeEventListener('mousedown', onDown, { capture: true });
  };
}
