/**
 * A laid-out page as SVG for the preview page: the same layout the PDF is made from, drawn with
 * the same fonts (served by the server), so the page shows the letter as it will look, with
 * real text that can be read, searched and highlighted.
 */
import type { Page, TextItem } from './layout/types.js';
import { prepareImage } from './writer/images.js';
import { escapeXml } from '../ooxml/xml.js';

const n = (v: number): string => String(Math.round(v * 100) / 100);

/** CSS font family for a face (declared by @font-face in the page's stylesheet). */
export function fontFamily(item: TextItem): string {
  return { LiberationSans: 'KP Liberation Sans', LiberationSerif: 'KP Liberation Serif', LiberationMono: 'KP Liberation Mono', Carlito: 'KP Carlito' }[
    item.face.family
  ];
}

/** An image as a data: URL, when the browser can show it (PNG, JPEG). Made anew for each page:
 * no state is kept between requests beyond the template cache. */
function imageUrl(bytes: Uint8Array, format: 'png' | 'jpeg' | 'unknown'): string | undefined {
  if (format === 'unknown' || prepareImage(bytes, format) instanceof Error) return undefined;
  return `data:image/${format};base64,${Buffer.from(bytes).toString('base64')}`;
}

export interface SvgOptions {
  /** Text items to mark (what a flettespørgsmål adds). */
  highlight?: ReadonlySet<TextItem>;
}

export function pageSvg(page: Page, opts: SvgOptions = {}): string {
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${n(page.width)} ${n(page.height)}" class="side" xml:space="preserve" role="group" aria-label="Side ${page.number}">`,
    `<rect width="${n(page.width)}" height="${n(page.height)}" fill="#fff"/>`,
  ];
  for (const it of page.items) {
    if (it.kind === 'rect') parts.push(`<rect x="${n(it.x)}" y="${n(it.y)}" width="${n(it.w)}" height="${n(it.h)}" fill="#${it.fill}"/>`);
    else if (it.kind === 'line')
      parts.push(
        `<line x1="${n(it.x1)}" y1="${n(it.y1)}" x2="${n(it.x2)}" y2="${n(it.y2)}" stroke="#${it.color}" stroke-width="${n(it.width)}"${it.dash ? ` stroke-dasharray="${it.dash.map(n).join(' ')}"` : ''}/>`,
      );
    else if (it.kind === 'image') {
      const url = imageUrl(it.image.bytes, it.image.format);
      if (url)
        parts.push(
          `<image x="${n(it.x)}" y="${n(it.y)}" width="${n(it.w)}" height="${n(it.h)}" href="${url}"${it.image.alt ? ` role="img" aria-label="${escapeXml(it.image.alt)}"` : ' aria-hidden="true"'}/>`,
        );
    } else {
      const marked = opts.highlight?.has(it);
      if (marked)
        parts.push(`<rect class="tilfoejet" x="${n(it.x - 1)}" y="${n(it.y - it.size * 0.9)}" width="${n(it.width + 2)}" height="${n(it.size * 1.2)}"/>`);
      // Each character at its place: the layout's positions, justification included.
      const xs: string[] = [];
      let x = it.x;
      const chars = [...it.text];
      chars.forEach((c, i) => {
        xs.push(n(x));
        x += it.face.advance(c.codePointAt(0)!) * it.size + (it.gaps?.[i] ?? 0);
      });
      const weight = it.face.bold ? ' font-weight="bold"' : '';
      const style = it.face.italic ? ' font-style="italic"' : '';
      parts.push(
        `<text x="${xs.join(' ')}" y="${n(it.y)}" font-family="${fontFamily(it)}" font-size="${n(it.size)}"${weight}${style} fill="#${it.color}"${marked ? ' class="tilfoejet"' : ''}>${escapeXml(it.text)}</text>`,
      );
    }
  }
  parts.push('</svg>');
  return parts.join('');
}
