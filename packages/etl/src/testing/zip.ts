/** A tiny zip writer for specs: crafted archives (bombs, lying sizes, macros) byte by byte. */
import { crc32, deflateRawSync } from 'node:zlib';
import yauzl from 'yauzl';

export interface ZipEntrySpec {
  name: string;
  data: Buffer | string;
  /** Default 'deflate'. */
  method?: 'store' | 'deflate';
  /** Size written in the headers instead of the real one (a lying archive). */
  declaredSize?: number;
  /** See ZipPart. */
  unlisted?: boolean;
  localName?: string;
  descriptor?: ZipPart['descriptor'];
}

/** One entry already compressed: what the archive layout needs. */
export interface ZipPart {
  name: string;
  /** The stored bytes (deflated unless `method` is 0). */
  body: Buffer;
  /** 8 deflate, 0 store. */
  method: 0 | 8;
  /** CRC-32 of the uncompressed bytes. */
  crc: number;
  /** Uncompressed size written in the headers (a lying archive writes another). */
  size: number;
  /** Written as a local entry but left out of the central directory (what only a one-pass reader sees). */
  unlisted?: boolean;
  /** A different name in the local header than in the central directory. */
  localName?: string;
  /** Sizes and CRC after the data instead of in the local header (flag bit 3), as streaming writers do: 12, 16 (signed), 20 or 24 (signed, 64-bit) bytes. */
  descriptor?: 12 | 16 | 20 | 24;
}

function dataDescriptor(length: 12 | 16 | 20 | 24, crc: number, compressed: number, size: number): Buffer {
  const out = Buffer.alloc(length);
  let at = 0;
  if (length === 16 || length === 24) at = out.writeUInt32LE(0x08074b50, at);
  at = out.writeUInt32LE(crc, at);
  if (length >= 20) {
    at = out.writeBigUInt64LE(BigInt(compressed), at);
    out.writeBigUInt64LE(BigInt(size), at);
  } else {
    at = out.writeUInt32LE(compressed, at);
    out.writeUInt32LE(size, at);
  }
  return out;
}

/** Lays out local headers, bodies, the central directory and its end record. */
export function assembleZip(parts: readonly ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  let listed = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name, 'utf8');
    const localName = part.localName === undefined ? name : Buffer.from(part.localName, 'utf8');
    const crc = part.crc >>> 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    const flags = part.descriptor ? 0x0808 : 0x0800; // UTF-8 names (+ data descriptor)
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(part.method, 8);
    local.writeUInt16LE(0, 10);
    local.writeUInt16LE(0x21, 12);
    local.writeUInt32LE(part.descriptor ? 0 : crc, 14);
    local.writeUInt32LE(part.descriptor ? 0 : part.body.length, 18);
    local.writeUInt32LE(part.descriptor ? 0 : part.size, 22);
    local.writeUInt16LE(localName.length, 26);
    local.writeUInt16LE(0, 28);
    const trailer = part.descriptor ? dataDescriptor(part.descriptor, crc, part.body.length, part.size) : Buffer.alloc(0);
    locals.push(local, localName, part.body, trailer);
    const entryOffset = offset;
    offset += local.length + localName.length + part.body.length + trailer.length;
    if (part.unlisted) continue;
    listed += 1;
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(part.method, 10);
    central.writeUInt16LE(0, 12);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(part.body.length, 20);
    central.writeUInt32LE(part.size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(entryOffset, 42);
    centrals.push(central, name);
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(listed, 8);
  end.writeUInt16LE(listed, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

export function buildZip(entries: readonly ZipEntrySpec[]): Buffer {
  return assembleZip(
    entries.map((entry) => {
      const data = Buffer.isBuffer(entry.data) ? entry.data : Buffer.from(entry.data, 'utf8');
      const method = entry.method === 'store' ? 0 : 8;
      return {
        name: entry.name,
        body: method === 8 ? deflateRawSync(data) : data,
        method,
        crc: crc32(data),
        size: entry.declaredSize ?? data.length,
        ...(entry.unlisted ? { unlisted: true } : {}),
        ...(entry.localName === undefined ? {} : { localName: entry.localName }),
        ...(entry.descriptor === undefined ? {} : { descriptor: entry.descriptor }),
      };
    }),
  );
}

/** The entries of a zip, inflated. */
export async function unzipEntries(zip: Buffer): Promise<Array<{ name: string; data: Buffer }>> {
  const file = await yauzl.fromBufferPromise(zip, { lazyEntries: true });
  const out: Array<{ name: string; data: Buffer }> = [];
  for await (const entry of file.eachEntry()) {
    if (entry.fileName.endsWith('/')) continue;
    const chunks: Buffer[] = [];
    for await (const chunk of await file.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
    out.push({ name: entry.fileName, data: Buffer.concat(chunks) });
  }
  file.close();
  return out;
}

/** Re-pack a zip after changing its entries (add a vbaProject.bin, edit the content types…). */
export async function rezip(zip: Buffer, change: (entries: ZipEntrySpec[]) => ZipEntrySpec[]): Promise<Buffer> {
  const entries = await unzipEntries(zip);
  return buildZip(change(entries.map((e) => ({ name: e.name, data: e.data }))));
}

function xmlEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** `<c>` with an inline string or a number, for hand-written worksheet XML. */
export function cellXml(ref: string, value: string | number): string {
  return typeof value === 'number' ? `<c r="${ref}"><v>${value}</v></c>` : `<c r="${ref}" t="inlineStr"><is><t>${xmlEscape(value)}</t></is></c>`;
}

export function worksheetXml(rowsXml: string, tail = ''): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheetData>${rowsXml}</sheetData>${tail}</worksheet>`;
}

/** A minimal, valid XLSX from hand-written worksheet XML (no styles, no shared strings). */
export function minimalXlsx(sheets: ReadonlyArray<{ name: string; xml: string }>, extra: ZipEntrySpec[] = [], contentTypeOverride?: string, first: ZipEntrySpec[] = []): Buffer {
  const mainType = contentTypeOverride ?? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml';
  const contentTypes = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="${mainType}"/>${sheets
    .map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`)
    .join('')}</Types>`;
  const rels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
  const workbook = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${sheets
    .map((s, i) => `<sheet name="${xmlEscape(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
    .join('')}</sheets></workbook>`;
  const workbookRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets
    .map((_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
    .join('')}</Relationships>`;
  return buildZip([
    ...first,
    { name: '[Content_Types].xml', data: contentTypes },
    { name: '_rels/.rels', data: rels },
    { name: 'xl/workbook.xml', data: workbook },
    { name: 'xl/_rels/workbook.xml.rels', data: workbookRels },
    ...sheets.map((s, i) => ({ name: `xl/worksheets/sheet${i + 1}.xml`, data: s.xml })),
    ...extra,
  ]);
}
