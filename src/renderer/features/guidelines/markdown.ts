/**
 * Guidelines as HTML that is safe to show: Markdown rendered with raw HTML
 * off (so a tag in the file is shown as text), then sanitised, so nothing
 * from the file can run a script or load anything. Headings get ids from
 * their anchors, so a definition's "In the guidelines" link lands on them.
 */
import DOMPurify from 'dompurify';
import MarkdownIt from 'markdown-it';
import { headingAnchor } from '../../../core/schemes';

/** Heading ids carry a prefix, so a heading can never shadow a global name in the page. */
export const anchorId = (anchor: string): string => `guide-${anchor}`;

const md = new MarkdownIt({ html: false, linkify: true });
md.core.ruler.push('heading_anchors', (state) => {
  const tokens = state.tokens;
  for (let i = 0; i < tokens.length - 1; i++) {
    if (tokens[i].type === 'heading_open') tokens[i].attrSet('id', anchorId(headingAnchor(tokens[i + 1].content)));
  }
});

export function renderGuidelines(markdown: string): string {
  return DOMPurify.sanitize(md.render(markdown), { USE_PROFILES: { html: true }, FORBID_TAGS: ['style', 'form', 'input', 'img'], FORBID_ATTR: ['style'] });
}
