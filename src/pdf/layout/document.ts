/**
 * The whole letter: sections on pages (page size, margins, first-page and even-page headers
 * and footers), the body flowed between the header and the footer of each page (a header
 * taller than the top margin pushes the body down, as in Word), then headers and footers drawn
 * on every page with PAGE and NUMPAGES filled in, as artifacts.
 */
import type { Location } from '../../diagnostics.js';
import type { LetterModel, Section } from '../model/types.js';
import type { Frag, MeasureCtx, PlaceCtx } from './frag.js';
import { flow, measureBlocks, stackFrags, stackHeight, type PageFrame, type Paginator } from './flow.js';
import { Container, structNode } from './tags.js';
import { Looks } from './text.js';
import type { LaidOutLetter, Page } from './types.js';

export type Warn = (code: string, params: Record<string, string | number>, location: Location) => void;

interface StoryFrags {
  frags: Frag[];
  height: number;
}

export function layoutLetter(model: LetterModel, warn: Warn, title?: string): LaidOutLetter {
  let result = layoutOnce(model, warn, undefined, title);
  if (model.bodyFields) result = layoutOnce(model, () => undefined, result.pages.length, title);
  return result;
}

function layoutOnce(model: LetterModel, warn: Warn, totalGuess: number | undefined, title: string | undefined): LaidOutLetter {
  const looks = new Looks(model.styles, warn);
  const measure: MeasureCtx = {
    looks,
    defaultTabStop: model.defaultTabStop,
    compatibilityMode: model.compatibilityMode,
    warn,
    measureBlocks: (blocks, width) => measureBlocks(blocks, width, measure),
  };
  const root = structNode('Document', undefined);
  const headings = { last: 0 };
  const container = new Container(root, headings);
  const pages: Page[] = [];
  const storyCache = new Map<string, StoryFrags>();
  const story = (id: string | undefined, width: number): StoryFrags | undefined => {
    if (!id) return undefined;
    const s = model.stories.get(id);
    if (!s) return undefined;
    const key = `${id}:${width.toFixed(2)}`;
    let out = storyCache.get(key);
    if (!out) {
      const frags = measureBlocks(s.blocks, width, measure, { last: 0 });
      out = { frags, height: stackHeight(frags) };
      storyCache.set(key, out);
    }
    return out;
  };
  const pageStories = (section: Section, firstInSection: boolean, number: number): { header: StoryFrags | undefined; footer: StoryFrags | undefined } => {
    const p = section.props;
    const width = p.width - p.marginLeft - p.marginRight;
    const pick = (refs: { default?: string; first?: string; even?: string }): string | undefined => {
      if (firstInSection && p.titlePage) return refs.first;
      if (model.evenAndOddHeaders && number % 2 === 0) return refs.even ?? refs.default;
      return refs.default;
    };
    return { header: story(pick(p.headers), width), footer: story(pick(p.footers), width) };
  };
  const pageInfo = new Map<Page, { section: Section; firstInSection: boolean }>();
  let current: { page: Page; frame: PageFrame; section: Section } | undefined;
  let pageNumber = 0;

  const makePage = (section: Section, firstInSection: boolean): Page => {
    const p = section.props;
    pageNumber = firstInSection && p.pageNumberStart !== undefined ? p.pageNumberStart : pageNumber + 1;
    const page: Page = { index: pages.length, number: pageNumber, width: p.width, height: p.height, items: [], links: [] };
    pages.push(page);
    pageInfo.set(page, { section, firstInSection });
    const { header, footer } = pageStories(section, firstInSection, pageNumber);
    const top = Math.max(p.marginTop, header ? p.header + header.height : 0);
    const bottom = Math.min(p.height - p.marginBottom, footer ? p.height - p.footer - footer.height : Infinity);
    current = { page, frame: { left: p.marginLeft, top, right: p.width - p.marginRight, bottom: Math.max(top + 36, bottom) }, section };
    return page;
  };
  const ctxFor = (page: Page, frame: PageFrame): PlaceCtx => ({
    page,
    container,
    artifact: undefined,
    looks,
    fieldText: (f) => (f === 'PAGE' ? String(page.number) : String(totalGuess ?? '')),
    area: frame,
  });

  let y: number | undefined;
  model.sections.forEach((section, si) => {
    const p = section.props;
    const continuous = si > 0 && p.start === 'continuous' && current && Math.abs(current.page.width - p.width) < 0.5;
    if (!continuous || !current) {
      makePage(section, true);
      y = undefined;
    } else current.section = section;
    const width = p.width - p.marginLeft - p.marginRight;
    const frags = measureBlocks(section.blocks, width, measure, headings);
    const paginator: Paginator = {
      newPage: () => {
        const page = makePage(section, false);
        return ctxFor(page, current!.frame);
      },
      frame: () => current!.frame,
    };
    const res = flow(frags, paginator, ctxFor(current!.page, current!.frame), y);
    y = res.y;
  });
  if (!pages.length) makePage({ props: model.sections[0]!.props, blocks: [] }, true);

  // Headers and footers, now that the number of pages is known.
  const total = pages.length;
  for (const page of pages) {
    const info = pageInfo.get(page)!;
    const p = info.section.props;
    const { header, footer } = pageStories(info.section, info.firstInSection, page.number);
    const frame: PageFrame = { left: p.marginLeft, top: p.marginTop, right: p.width - p.marginRight, bottom: p.height - p.marginBottom };
    const base: PlaceCtx = {
      page,
      container: undefined,
      artifact: 'header',
      looks,
      fieldText: (f) => (f === 'PAGE' ? String(page.number) : String(total)),
      area: frame,
    };
    if (header) stackFrags(header.frags, base, p.marginLeft, p.header);
    if (footer) stackFrags(footer.frags, { ...base, artifact: 'footer' }, p.marginLeft, p.height - p.footer - footer.height);
  }
  return { pages, root, lang: model.lang, title: title ?? model.title };
}
