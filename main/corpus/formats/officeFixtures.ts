/** Small DOCX and ODT files made in tests (fflate), and a zip that claims to inflate to gigabytes. */
import { strToU8, zipSync } from 'fflate';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

export interface FixtureParagraph {
  text: string;
  /** The first characters set in bold (a speaker label). */
  boldLead?: number;
  style?: string;
}

export function makeDocx(paragraphs: FixtureParagraph[], props: { title?: string; author?: string; created?: string; header?: string }): Uint8Array {
  const runs = (p: FixtureParagraph) => {
    const lead = p.boldLead ?? 0;
    const bold = lead > 0 ? `<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">${esc(p.text.slice(0, lead))}</w:t></w:r>` : '';
    return `${bold}<w:r><w:t xml:space="preserve">${esc(p.text.slice(lead))}</w:t></w:r>`;
  };
  const body = paragraphs
    .map((p) => `<w:p>${p.style ? `<w:pPr><w:pStyle w:val="${p.style}"/></w:pPr>` : ''}${runs(p)}</w:p>`)
    .join('');
  const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
  return zipSync({
    '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    'word/document.xml': strToU8(`<?xml version="1.0"?><w:document ${W}><w:body>${body}</w:body></w:document>`),
    'word/header1.xml': strToU8(`<?xml version="1.0"?><w:hdr ${W}><w:p><w:r><w:t>${esc(props.header ?? '')}</w:t></w:r></w:p></w:hdr>`),
    'docProps/core.xml': strToU8(
      `<?xml version="1.0"?><cp:coreProperties xmlns:cp="c" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/">` +
        `${props.title ? `<dc:title>${esc(props.title)}</dc:title>` : ''}${props.author ? `<dc:creator>${esc(props.author)}</dc:creator>` : ''}` +
        `${props.created ? `<dcterms:created>${props.created}</dcterms:created>` : ''}</cp:coreProperties>`,
    ),
  });
}

export function makeOdt(paragraphs: Array<{ text: string; heading?: boolean }>, props: { title?: string; author?: string }): Uint8Array {
  const body = paragraphs.map((p) => (p.heading ? `<text:h>${esc(p.text)}</text:h>` : `<text:p>${esc(p.text)}</text:p>`)).join('');
  return zipSync({
    mimetype: strToU8('application/vnd.oasis.opendocument.text'),
    'content.xml': strToU8(
      `<?xml version="1.0"?><office:document-content xmlns:office="o" xmlns:text="t"><office:body><office:text>${body}</office:text></office:body></office:document-content>`,
    ),
    'meta.xml': strToU8(
      `<?xml version="1.0"?><office:document-meta xmlns:office="o" xmlns:dc="d" xmlns:meta="m"><office:meta>` +
        `${props.title ? `<dc:title>${esc(props.title)}</dc:title>` : ''}${props.author ? `<meta:initial-creator>${esc(props.author)}</meta:initial-creator>` : ''}` +
        `</office:meta></office:document-meta>`,
    ),
  });
}

/** A copy of a zip in which every entry claims to inflate to almost 4 GB. */
export function claimHugeSizes(zip: Uint8Array): Uint8Array {
  const out = new Uint8Array(zip);
  const view = new DataView(out.buffer);
  for (let i = 0; i + 30 < out.length; i++) {
    const sig = view.getUint32(i, true);
    if (sig === 0x04034b50) view.setUint32(i + 22, 0xfff00000, true);
    if (sig === 0x02014b50) view.setUint32(i + 24, 0xfff00000, true);
  }
  return out;
}
