/** An SVG of what the network drawing shows: visible edges, nodes and labels, at their screen positions. */
import type Sigma from 'sigma';

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

export function networkSvg(renderer: Sigma, background: string, ink: string): string {
  const graph = renderer.getGraph();
  const { width, height } = renderer.getDimensions();
  const at = (key: string) => {
    const d = renderer.getNodeDisplayData(key);
    if (!d || d.hidden) return null;
    const p = renderer.framedGraphToViewport(d);
    return { x: p.x, y: p.y, r: renderer.scaleSize(d.size), color: d.color, label: d.label ?? '' };
  };
  const parts: string[] = [`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`, `<rect width="100%" height="100%" fill="${background}"/>`];
  graph.forEachEdge((edge, _attrs, source, target) => {
    const d = renderer.getEdgeDisplayData(edge);
    const a = at(source);
    const b = at(target);
    if (!d || d.hidden || !a || !b) return;
    parts.push(`<line x1="${a.x.toFixed(1)}" y1="${a.y.toFixed(1)}" x2="${b.x.toFixed(1)}" y2="${b.y.toFixed(1)}" stroke="${d.color}" stroke-width="${Math.max(0.5, renderer.scaleSize(d.size)).toFixed(2)}" stroke-opacity="0.8"/>`);
  });
  const labels: string[] = [];
  graph.forEachNode((node) => {
    const n = at(node);
    if (!n || n.x < -50 || n.y < -50 || n.x > width + 50 || n.y > height + 50) return;
    parts.push(`<circle cx="${n.x.toFixed(1)}" cy="${n.y.toFixed(1)}" r="${n.r.toFixed(1)}" fill="${n.color}"/>`);
    if (n.r >= 5) labels.push(`<text x="${(n.x + n.r + 3).toFixed(1)}" y="${(n.y + 4).toFixed(1)}">${esc(n.label)}</text>`);
  });
  parts.push(`<g font-family="system-ui, sans-serif" font-size="13" fill="${ink}">`, ...labels, '</g></svg>');
  return parts.join('\n');
}

/** Offers a file to save: the browser's download, Electron's save dialog. */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
