/**
 * Checks an uploaded .xlsx archive before anything parses it. First the central directory alone (no inflation):
 * entry count, declared sizes, compression ratio, part names. Then every part is inflated as a stream that only
 * counts bytes and fails the moment a part yields more than its directory entry declared, so a lying directory
 * costs at most the declared total, never the real one.
 */
import type { Readable } from 'node:stream';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import type { AppError } from './problem.js';
import type { WorkbookLimits } from './workbook-limits.js';
import { workbookProblem } from './workbook-problems.js';

const MB = 1024 * 1024;
const unreadable = () => workbookProblem('WORKBOOK_UNREADABLE', '无法读取该文件，请上传由“下载模板”得到的 .xlsx 文件。');
const suspicious = (why: string) => workbookProblem('WORKBOOK_SUSPICIOUS', `${why}，不像是正常的 Excel 文件，已拒绝。请在 Excel 中另存为 .xlsx 后重新上传。`);

function open(file: Buffer): Promise<ZipFile> {
  return new Promise((resolve, reject) =>
    // strictFileNames: a backslash in a part name is refused rather than silently turned into a folder separator.
    yauzl.fromBuffer(file, { lazyEntries: true, autoClose: false, decodeStrings: true, validateEntrySizes: true, strictFileNames: true }, (err, zip) => (err || !zip ? reject(unreadable()) : resolve(zip))),
  );
}

/** Reads every directory entry, refusing as soon as one breaks a limit. */
function readDirectory(zip: ZipFile, limits: WorkbookLimits): Promise<Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: Entry[] = [];
    const names = new Set<string>();
    let total = 0;
    const fail = (e: AppError) => {
      zip.removeAllListeners('entry');
      reject(e);
    };
    zip.on('error', (err: Error) => {
      // yauzl names a path-traversal or absolute part name "invalid relative path" / "absolute path".
      fail(/path|file name/i.test(err.message) ? suspicious('文件内部的路径不合法') : unreadable());
    });
    zip.on('entry', (entry: Entry) => {
      const name = entry.fileName;
      if (name.length > limits.maxNameLength || name.split('/').length > limits.maxPathDepth) return fail(suspicious('文件内部的路径过长或层级过深'));
      // Two parts with one name are read differently by different zip readers; Excel never writes them.
      const key = name.toLowerCase();
      if (names.has(key)) return fail(suspicious('文件内部有重复的部件'));
      names.add(key);
      if (entry.isEncrypted()) return fail(workbookProblem('WORKBOOK_UNREADABLE', '文件已加密，请取消密码保护后重新上传。'));
      if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) return fail(unreadable());
      const size = entry.uncompressedSize;
      if (size > limits.maxEntryBytes) return fail(workbookProblem('WORKBOOK_TOO_LARGE', `文件中的“${name}”解压后有 ${Math.ceil(size / MB)} MB，超过 ${Math.round(limits.maxEntryBytes / MB)} MB 的上限。请删除不需要的工作表或数据后重新上传。`));
      total += size;
      if (total > limits.maxTotalBytes) return fail(workbookProblem('WORKBOOK_TOO_LARGE', `文件解压后超过 ${Math.round(limits.maxTotalBytes / MB)} MB 的上限。请删除不需要的工作表或数据后重新上传。`));
      if (size >= limits.ratioFloorBytes && size > entry.compressedSize * limits.maxRatio) return fail(suspicious(`文件中的“${name}”压缩比异常（超过 ${limits.maxRatio} 倍）`));
      entries.push(entry);
      zip.readEntry();
    });
    zip.on('end', () => resolve(entries));
    // The count is in the end-of-directory record: refuse before reading a single entry.
    if (zip.entryCount > limits.maxEntries) return fail(suspicious(`文件内部有 ${zip.entryCount} 个部件（上限 ${limits.maxEntries} 个）`));
    zip.readEntry();
  });
}

/** Inflates one part, throwing the bytes away; yauzl fails the stream once it yields more than declared. */
function drain(zip: ZipFile, entry: Entry): Promise<void> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (err, stream?: Readable) => {
      if (err || !stream) return reject(err ?? new Error('no stream'));
      stream.on('data', () => {});
      stream.on('error', (e) => {
        // Stops the inflater too, so a lying part is not inflated further in the background.
        stream.destroy();
        reject(e);
      });
      stream.on('end', resolve);
    });
  });
}

export async function inspectArchive(file: Buffer, limits: WorkbookLimits): Promise<void> {
  const zip = await open(file);
  try {
    const entries = await readDirectory(zip, limits);
    for (const entry of entries) {
      try {
        await drain(zip, entry);
      } catch (e) {
        const message = (e as Error).message ?? '';
        if (/too many bytes|expected \d+|got \d+/i.test(message)) throw suspicious(`文件中的“${entry.fileName}”实际解压后比声明的大`);
        throw unreadable();
      }
    }
  } finally {
    zip.close();
  }
}
