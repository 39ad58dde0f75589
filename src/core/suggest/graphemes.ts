import { graphemeBoundary } from '../text';

/**
 * Whether a span may start or end at `pos` without splitting a user-perceived
 * character. Between two ASCII characters it always may (the common case,
 * answered without the segmenter); anywhere else the segmenter decides.
 */
export function onGraphemeBoundary(text: string, pos: number): boolean {
  if (pos <= 0 || pos >= text.length) return true;
  if (text.charCodeAt(pos - 1) < 128 && text.charCodeAt(pos) < 128) return true;
  return graphemeBoundary(text, pos, -1) === pos;
}
