/**
 * A minimal zip writer for tests that need archives no real tool would write: parts inflating to hundreds of MB
 * from a small file, and central directories that lie about sizes. Built from node:zlib so no binary is committed.
 */
import zlib from 'node:zlib';

export interface ZipPart {
  name: string;
  /** Raw deflate data of the part. */
  deflated: Buffer;
  crc32: number;
  /** Real inflated size. */
  size: number;
  /** The inflated size written in the headers (defaults to the real one): smaller for a lying archive. */
  declaredSize?: number;
}

export function part(name: string, data: string | Buffer): ZipPart {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  return { name, deflated: zlib.deflateRawSync(bytes), crc32: zlib.crc32(bytes), size: bytes.length };
}

/**
 * A part of `head`, then `fillBytes` bytes of one repeated character, then `tail`, deflated as a stream so the inflated
 * text never exists in memory. One repeated byte is what deflate compresses best (about 1,000:1): 400 MB become 0.4 MB.
 */
export async function repeatedPart(name: string, head: string, fill: string, fillBytes: number, tail: string): Promise<ZipPart> {
  const deflate = zlib.createDeflateRaw({ level: 9, memLevel: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (b: Buffer) => out.push(b));
  const done = new Promise((resolve) => deflate.on('end', resolve));
  const chunk = Buffer.alloc(4 * 1024 * 1024, fill);
  let crc = zlib.crc32(head);
  deflate.write(head);
  for (let left = fillBytes; left > 0; left -= chunk.length) {
    const c = left >= chunk.length ? chunk : chunk.subarray(0, left);
    crc = zlib.crc32(c, crc);
    if (!deflate.write(c)) await new Promise((resolve) => deflate.once('drain', resolve));
  }
  crc = zlib.crc32(tail, crc);
  deflate.end(tail);
  await done;
  return { name, deflated: Buffer.concat(out), crc32: crc, size: Buffer.byteLength(head) + fillBytes + Buffer.byteLength(tail) };
}

export function writeZip(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name, 'utf8');
    const size = p.declaredSize ?? p.size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(p.crc32 >>> 0, 14);
    local.writeUInt32LE(p.deflated.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, p.deflated);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(p.crc32 >>> 0, 16);
    central.writeUInt32LE(p.deflated.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += 30 + name.length + p.deflated.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const CT = 'application/vnd.openxmlformats-officedocument';

/** The parts every .xlsx needs around its one sheet, written by hand so the sheet XML is exactly what a test says. */
export function xlsxShell(): ZipPart[] {
  return [
    part('[Content_Types].xml', `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="${CT}.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="${CT}.spreadsheetml.worksheet+xml"/></Types>`),
    part('_rels/.rels', `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
    part('xl/workbook.xml', `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`),
    part('xl/_rels/workbook.xml.rels', `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`),
  ];
}

export const SHEET_HEAD = '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
export const SHEET_TAIL = '</sheetData></worksheet>';

/** One row of inline-string cells (t="inlineStr"), the form that skips the shared-string table. */
export function inlineRow(line: number, cells: string[]): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `<row r="${line}">${cells.map((c, i) => `<c r="${String.fromCharCode(65 + i)}${line}" t="inlineStr"><is><t>${esc(c)}</t></is></c>`).join('')}</row>`;
}
