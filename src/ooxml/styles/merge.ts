/**
 * Merging style sheets when a message (or content element) is placed in a master. A style the
 * master does not have is copied; one it has with the same definition is shared; one it has
 * with another definition (by id or by name) is copied under a new id, so the message's text
 * keeps the message's look and the master's text keeps the master's. A renamed heading keeps
 * its outline level, so it stays a heading for screen readers and the tagged PDF.
 */
import { defaultParagraphStyle, type StyleDef, type StyleSheet } from './sheet.js';

/** A definition compared without its id, rsid noise and whitespace. */
function canonical(def: StyleDef): string {
  return def.xml
    .replace(/\sw:styleId="[^"]*"/, '')
    .replace(/\sw:rsid\w*="[^"]*"/g, '')
    .replace(/<w:rsid w:val="[^"]*"\/>/g, '')
    .replace(/>\s+</g, '><');
}

export interface StyleMerge {
  /** Source style id -> id in the target. */
  map: Map<string, string>;
  /** New w:style elements for the target. */
  added: string[];
  /** The source's default paragraph style was given a new id: paragraphs without a style need it. */
  defaultParagraph?: string;
}

/**
 * Plans the styles of a fragment. `used` are the ids the fragment refers to; their basedOn,
 * next and link chains come along. `suffix` makes new ids unique (the fragment's key).
 */
export function mergeStyles(target: StyleSheet, source: StyleSheet, used: Iterable<string>, suffix: string, taken: Set<string>): StyleMerge {
  const needed = new Set<string>();
  const want = (id: string | undefined): void => {
    if (!id || needed.has(id) || !source.styles.has(id)) return;
    needed.add(id);
    const def = source.styles.get(id)!;
    want(def.basedOn);
    want(def.next);
    want(def.link);
  };
  for (const id of used) want(id);
  const sourceDefault = defaultParagraphStyle(source);
  if (sourceDefault) want(sourceDefault.id);

  const map = new Map<string, string>();
  const rename = new Set<string>();
  for (const id of needed) {
    const def = source.styles.get(id)!;
    const same = target.styles.get(id);
    const byName = [...target.styles.values()].find((t) => t.name.toLowerCase() === def.name.toLowerCase() && t.type === def.type);
    if (same && canonical(same) === canonical(def)) map.set(id, id);
    else if (
      !same &&
      byName &&
      canonical({ ...byName, xml: byName.xml }) === canonical({ ...def, xml: def.xml.replace(`w:styleId="${id}"`, `w:styleId="${byName.id}"`) })
    )
      map.set(id, byName.id);
    else if (same || byName) {
      let fresh = `${id}-${suffix}`.replace(/[^A-Za-z0-9_.-]/g, '');
      for (let n = 2; taken.has(fresh) || target.styles.has(fresh); n++) fresh = `${id}-${suffix}-${n}`;
      taken.add(fresh);
      map.set(id, fresh);
      rename.add(id);
    } else {
      map.set(id, id);
      rename.add(id); // copied as it is (id kept), references inside still mapped
      taken.add(id);
    }
  }

  const added: string[] = [];
  for (const id of rename) {
    const def = source.styles.get(id)!;
    const newId = map.get(id)!;
    let xml = def.xml.replace(`w:styleId="${id}"`, `w:styleId="${newId}"`);
    xml = xml.replace(/(<w:(?:basedOn|next|link) w:val=")([^"]*)(")/g, (_m, a: string, ref: string, c: string) => a + (map.get(ref) ?? ref) + c);
    xml = xml.replace(/\sw:default="(1|true)"/, '');
    if (newId !== id) {
      xml = xml.replace(/(<w:name w:val=")([^"]*)(")/, (_m, a: string, name: string, c: string) => `${a}${name} (${suffix})${c}`);
      const heading = /^heading ([1-9])$/i.exec(def.name);
      if (heading && !/<w:outlineLvl\b/.test(xml)) {
        const lvl = `<w:outlineLvl w:val="${Number(heading[1]) - 1}"/>`;
        xml = /<w:pPr>/.test(xml) ? xml.replace(/<\/w:pPr>/, `${lvl}</w:pPr>`) : xml.replace(/(<w:rPr>|<\/w:style>)/, `<w:pPr>${lvl}</w:pPr>$1`);
      }
    }
    added.push(xml);
  }
  const result: StyleMerge = { map, added };
  if (sourceDefault) {
    const mapped = map.get(sourceDefault.id);
    const targetDefault = defaultParagraphStyle(target);
    if (mapped && mapped !== targetDefault?.id) result.defaultParagraph = mapped;
  }
  return result;
}
