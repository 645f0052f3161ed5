/** Questions about a flattened story's paragraphs: which one holds a token, and its text. */
import type { Story } from './tokens.js';

/** Index (0-based) of the paragraph a token belongs to, or -1 (between blocks). */
export function paragraphOfToken(story: Story, token: number): number {
  const paras = story.paragraphs;
  let lo = 0;
  let hi = paras.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const p = paras[mid]!;
    if (token < p.first) hi = mid - 1;
    else if (token > p.mark) lo = mid + 1;
    else return mid;
  }
  return -1;
}

/** Plain text of a paragraph (w:t and characters), for excerpts. */
const excerpts = new WeakMap<Story, Map<string, string>>();

export function paragraphText(story: Story, para: number, limit = 80): string {
  let cache = excerpts.get(story);
  if (!cache) excerpts.set(story, (cache = new Map()));
  const key = `${para}:${limit}`;
  let text = cache.get(key);
  if (text === undefined) {
    text = computeParagraphText(story, para, limit);
    cache.set(key, text);
  }
  return text;
}

function computeParagraphText(story: Story, para: number, limit: number): string {
  const info = story.paragraphs[para - 1];
  if (!info) return '';
  let s = '';
  let i = info.first;
  for (; i < info.mark && s.length <= limit; i++) {
    const tok = story.tokens[i]!;
    if (tok.t === 'item' && (tok.kind === 'text' || tok.kind === 'char')) s += tok.kind === 'char' ? ' ' : tok.text;
  }
  s = s.replace(/\s+/g, ' ').trim();
  const more = i < info.mark && story.tokens.slice(i, info.mark).some((t) => t.t === 'item' && t.kind === 'text' && t.text.trim() !== '');
  if (s.length > limit) return s.slice(0, limit - 1) + '…';
  return more ? s + '…' : s;
}
