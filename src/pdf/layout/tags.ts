/**
 * The structure tree, built while content is placed (so that a paragraph the pagination moves
 * is tagged once, where it lands): Document, headings, paragraphs, lists (L > LI > Lbl +
 * LBody, nested lists inside the LBody of the item before), tables, figures and links.
 */
import type { ParagraphBlock } from '../model/types.js';
import type { Item, StructNode, StructType } from './types.js';

export function structNode(type: StructType, parent: StructNode | undefined): StructNode {
  const node: StructNode = { type, kids: [], parent };
  if (parent) parent.kids.push(node);
  return node;
}

export function addContent(node: StructNode, item: Item): void {
  node.kids.push(item);
}

interface ListLevel {
  numId: string;
  ilvl: number;
  list: StructNode;
  item: StructNode | undefined;
}

/**
 * Where the next block's structure goes: a container (the document, a table cell, a list
 * body) and the lists open in it.
 */
export class Container {
  private lists: ListLevel[] = [];
  /** Heading levels are kept in sequence (no skipped level) for PDF/UA. */
  constructor(
    readonly node: StructNode,
    private readonly headings: { last: number },
  ) {}

  /** The structure element for a paragraph, with list and heading structure around it. */
  paragraph(block: ParagraphBlock): { node: StructNode; label: StructNode | undefined } {
    if (block.list) return this.listItem(block);
    this.lists = [];
    if (block.heading) {
      const level = Math.min(block.heading, this.headings.last + 1);
      this.headings.last = level;
      return { node: structNode(`H${level}` as StructType, this.node), label: undefined };
    }
    return { node: structNode('P', this.node), label: undefined };
  }

  private listItem(block: ParagraphBlock): { node: StructNode; label: StructNode | undefined } {
    const list = block.list!;
    // Close deeper levels, and levels of another list.
    while (this.lists.length) {
      const top = this.lists[this.lists.length - 1]!;
      if (top.numId === list.numId && top.ilvl <= list.ilvl) break;
      if (top.numId !== list.numId && top.ilvl < list.ilvl) break;
      this.lists.pop();
    }
    let top = this.lists[this.lists.length - 1];
    if (!top || top.ilvl < list.ilvl || top.numId !== list.numId) {
      const parent = top?.item ? (top.item.kids.find((k): k is StructNode => 'type' in k && k.type === 'LBody') ?? top.item) : this.node;
      top = { numId: list.numId, ilvl: list.ilvl, list: structNode('L', parent), item: undefined };
      this.lists.push(top);
    }
    const li = structNode('LI', top.list);
    top.item = li;
    const label = list.text ? structNode('Lbl', li) : undefined;
    const body = structNode('LBody', li);
    return { node: body, label };
  }

  /** A table or other block ends any open list. */
  endLists(): void {
    this.lists = [];
  }
}
