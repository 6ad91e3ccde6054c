/**
 * Word (DOCX, WordprocessingML) and OpenDocument text (ODT): the body's paragraphs and the
 * document properties, from the XML parts a zip reader hands over. Headers, footers and
 * footnotes live in other parts and are not read. Pure: linkedom parses the XML.
 */
import { DOMParser } from 'linkedom';
import { normalizeDate } from '../dates';
import type { RawDoc } from '../document';
import { emptyRawDoc } from '../formats';

export interface OfficeParagraph {
  text: string;
  /** A heading or title style. */
  heading: boolean;
}

export interface OfficeProperties {
  title: string | null;
  author: string | null;
  /** When the document was created, epoch milliseconds. */
  createdMs: number | null;
}

interface XmlNode {
  nodeType: number;
  tagName?: string;
  textContent: string | null;
  childNodes: ArrayLike<XmlNode>;
  getAttribute?(name: string): string | null;
  getElementsByTagName?(name: string): ArrayLike<XmlNode>;
}

function parseXml(xml: string): XmlNode {
  return new DOMParser().parseFromString(xml, 'text/xml') as unknown as XmlNode;
}

function elements(root: XmlNode, tag: string): XmlNode[] {
  return Array.from(root.getElementsByTagName?.(tag) ?? []);
}

function firstText(root: XmlNode, tags: string[]): string | null {
  for (const tag of tags) {
    const text = elements(root, tag)[0]?.textContent?.replace(/\s+/g, ' ').trim();
    if (text) return text;
  }
  return null;
}

/** Text of a WordprocessingML paragraph: runs' text, tabs and breaks; deleted text left out. */
function docxParagraphText(p: XmlNode): string {
  let out = '';
  const walk = (node: XmlNode) => {
    for (const child of Array.from(node.childNodes)) {
      if (child.nodeType !== 1) continue;
      switch (child.tagName) {
        case 'w:t':
          out += child.textContent ?? '';
          break;
        case 'w:tab':
          out += '\t';
          break;
        case 'w:br':
        case 'w:cr':
          out += '\n';
          break;
        case 'w:del':
        case 'w:instrText':
        case 'w:footnoteReference':
        case 'w:endnoteReference':
          break;
        default:
          walk(child);
      }
    }
  };
  walk(p);
  return out;
}

/** A run set in bold (`<w:b/>`, unless switched off with a value of 0 or false). */
function isBold(run: XmlNode): boolean {
  const b = elements(run, 'w:rPr').flatMap((props) => elements(props, 'w:b'))[0];
  if (!b) return false;
  const value = b.getAttribute?.('w:val');
  return value === null || value === undefined || !/^(?:0|false|off)$/i.test(value);
}

/**
 * The speaker label a transcript sets in bold at the start of a paragraph ("**Jen Psaki** Good
 * afternoon."): the bold lead when plain text follows it and it reads as a label (a few words,
 * capitalised, no sentence of its own), else null.
 */
function boldLabel(p: XmlNode): { label: string; rest: string } | null {
  let lead = '';
  const runs = elements(p, 'w:r');
  let n = 0;
  for (; n < runs.length; n++) {
    const run = runs[n] as XmlNode;
    const text = docxParagraphText(run);
    if (text.trim() === '') {
      lead += text;
      continue;
    }
    if (!isBold(run)) break;
    lead += text;
  }
  const label = lead.replace(/\s+/g, ' ').trim().replace(/\s*:$/, '');
  if (n === runs.length || label === '') return null;
  const after = runs
    .slice(n)
    .map((run) => docxParagraphText(run))
    .join('');
  const rest = after.replace(/^\s*:?\s*/, '');
  const words = label.split(' ');
  if (!rest || label.length > 60 || words.length > 6 || /[.!?,;"“”]$/.test(label)) return null;
  // a label by its colon, its capitals ("MS. PSAKI") or a name's capitalised words, never a
  // bold word that opens a sentence ("The", "Breaking")
  const colon = /:\s*$/.test(lead) || /^\s*:/.test(after);
  const upper = /^[\p{Lu}\d .'’-]+$/u.test(label);
  const name =
    words.length >= 2 &&
    words.every((w) => /^\p{Lu}/u.test(w) || /^(?:de|van|von|al|bin|da|di|le|la)$/.test(w));
  return colon || upper || name ? { label, rest } : null;
}

/**
 * The paragraphs of `word/document.xml`, in order (table cells included). A bold speaker label
 * at the start of a paragraph is written as a label ("Jen Psaki: ..."), for the reading stages
 * to take as a transcript turn.
 */
export function docxParagraphs(documentXml: string): OfficeParagraph[] {
  const doc = parseXml(documentXml);
  const body = elements(doc, 'w:body')[0] ?? doc;
  return elements(body, 'w:p').flatMap((p) => {
    const bold = boldLabel(p);
    const text = (bold ? `${bold.label}: ${bold.rest}` : docxParagraphText(p))
      .replace(/[ \t\u00a0]+/g, ' ')
      .trim();
    if (!text) return [];
    const style = elements(p, 'w:pStyle')[0]?.getAttribute?.('w:val') ?? '';
    return [{ text, heading: /^(?:title|heading\s?\d|subtitle)$/i.test(style) }];
  });
}

/** Title, author and creation date of `docProps/core.xml` or ODT's `meta.xml`. */
export function officeProperties(xml: string | undefined): OfficeProperties {
  if (!xml) return { title: null, author: null, createdMs: null };
  const doc = parseXml(xml);
  const created = firstText(doc, ['dcterms:created', 'meta:creation-date', 'dc:date', 'dcterms:modified']);
  const iso = created ? normalizeDate(created) : null;
  const ms = iso && iso.length === 10 ? Date.parse(`${iso}T12:00:00Z`) : NaN;
  return {
    title: firstText(doc, ['dc:title']),
    author: firstText(doc, ['dc:creator', 'meta:initial-creator']),
    createdMs: Number.isFinite(ms) ? ms : null,
  };
}

/** Text of an ODF paragraph or heading: spaces (`text:s`), tabs and line breaks kept; notes left out. */
function odtParagraphText(p: XmlNode): string {
  let out = '';
  const walk = (node: XmlNode) => {
    for (const child of Array.from(node.childNodes)) {
      if (child.nodeType === 3) out += child.textContent ?? '';
      if (child.nodeType !== 1) continue;
      switch (child.tagName) {
        case 'text:s':
          out += ' '.repeat(Math.max(1, Number(child.getAttribute?.('text:c') ?? 1) || 1));
          break;
        case 'text:tab':
          out += '\t';
          break;
        case 'text:line-break':
          out += '\n';
          break;
        case 'text:note':
        case 'office:annotation':
          break;
        default:
          walk(child);
      }
    }
  };
  walk(p);
  return out;
}

/** The paragraphs and headings of ODT's `content.xml`, in order. */
export function odtParagraphs(contentXml: string): OfficeParagraph[] {
  const doc = parseXml(contentXml);
  const body = elements(doc, 'office:text')[0] ?? doc;
  const out: OfficeParagraph[] = [];
  const walk = (node: XmlNode) => {
    for (const child of Array.from(node.childNodes)) {
      if (child.nodeType !== 1) continue;
      if (child.tagName === 'text:p' || child.tagName === 'text:h') {
        const text = odtParagraphText(child)
          .replace(/[ \t\u00a0]+/g, ' ')
          .trim();
        if (text) out.push({ text, heading: child.tagName === 'text:h' });
      } else walk(child);
    }
  };
  walk(body);
  return out;
}

/** A Word or OpenDocument text as the reading stages take it: read like plain text. */
export function officeRawDoc(
  path: string,
  mtimeMs: number,
  paragraphs: OfficeParagraph[],
  props: OfficeProperties,
): RawDoc {
  const doc = emptyRawDoc(path, mtimeMs);
  doc.title = props.title ?? paragraphs.find((p) => p.heading)?.text ?? null;
  doc.author = props.author;
  doc.paragraphs = paragraphs.flatMap((p) =>
    p.text
      .split('\n')
      .map((t) => t.trim())
      .filter((t) => t.length > 0)
      .map((t) => ({ text: t })),
  );
  doc.news = true;
  return doc;
}
