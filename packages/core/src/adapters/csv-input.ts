/**
 * Reading a CSV file as people hand it over: text, an ArrayBuffer, a Blob (a File from an <input>) or a stream of
 * bytes, read in chunks so a 50 MB export never holds the thread for long and progress can be shown. The encoding is
 * chosen from the first 64 KB: a byte-order mark, else UTF-8 if those bytes are valid UTF-8, else GB18030 (what Excel
 * on Chinese Windows writes when told "CSV (comma delimited)"). An Excel workbook is refused with what to do instead.
 */
import { StrideError } from '../contracts.js';

/** A CSV input: text already decoded, or bytes in any of the forms a page has them. */
export type CsvInput = string | ArrayBuffer | Blob | ReadableStream<Uint8Array>;

export type CsvEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

const SNIFF_BYTES = 64 * 1024;

/** The encoding of a file from its first bytes (at most 64 KB are looked at). */
export function sniffCsvEncoding(head: Uint8Array): { encoding: CsvEncoding; bom: number } {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bom: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bom: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bom: 2 };
  try {
    // stream: a multi-byte character cut at the 64 KB edge is not an error.
    new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, SNIFF_BYTES), { stream: true });
    return { encoding: 'utf-8', bom: 0 };
  } catch {
    return { encoding: 'gb18030', bom: 0 };
  }
}

/** Refuses a spreadsheet workbook by its signature, saying how to get a CSV out of it. */
function refuseWorkbook(head: Uint8Array, file: string): void {
  const zip = head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
  const ole = head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0;
  if (!zip && !ole) return;
  throw new StrideError(
    'invalid',
    'eventLog',
    `${file}: this is an Excel workbook (${zip ? '.xlsx' : '.xls'}), not a CSV file. In Excel choose File > Save As > ` +
      `"CSV UTF-8 (Comma delimited) (*.csv)" (WPS: 另存为 > CSV), then load the .csv file.`,
  );
}

export interface CsvReadProgress {
  /** Bytes read so far. */
  bytes: number;
  /** The whole size when known (an ArrayBuffer or a Blob), else undefined. */
  totalBytes?: number;
}

function byteStream(input: Exclude<CsvInput, string>): { stream: ReadableStream<Uint8Array>; totalBytes?: number } {
  if (input instanceof ArrayBuffer) return { stream: new Blob([input]).stream(), totalBytes: input.byteLength };
  if (typeof Blob !== 'undefined' && input instanceof Blob) return { stream: input.stream(), totalBytes: input.size };
  return { stream: input as ReadableStream<Uint8Array> };
}

/**
 * The text of `input`: decoded in chunks with the sniffed encoding, reporting bytes read after each chunk, stopping
 * with the signal's reason when `signal` aborts. A string is returned as it is.
 */
export async function readCsvInput(
  input: CsvInput,
  file: string,
  onProgress: (progress: CsvReadProgress) => void = () => undefined,
  signal?: AbortSignal,
): Promise<string> {
  if (typeof input === 'string') return input;
  const { stream, totalBytes } = byteStream(input);
  const reader = stream.getReader();
  const parts: string[] = [];
  let decoder: TextDecoder | null = null;
  let head: Uint8Array[] = [];
  let headBytes = 0;
  let bytes = 0;
  const progress = () => onProgress(totalBytes === undefined ? { bytes } : { bytes, totalBytes });
  const startDecoding = (): void => {
    const first = concat(head, headBytes);
    refuseWorkbook(first, file);
    const { encoding, bom } = sniffCsvEncoding(first);
    decoder = new TextDecoder(encoding);
    parts.push(decoder.decode(first.subarray(bom), { stream: true }));
    head = [];
  };
  try {
    for (;;) {
      signal?.throwIfAborted();
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      if (decoder === null) {
        head.push(value);
        headBytes += value.byteLength;
        if (headBytes >= SNIFF_BYTES) startDecoding();
      } else {
        parts.push((decoder as TextDecoder).decode(value, { stream: true }));
      }
      progress();
    }
    if (decoder === null) startDecoding();
    parts.push((decoder as unknown as TextDecoder).decode());
  } catch (error) {
    await reader.cancel().catch(() => undefined);
    throw error;
  }
  return parts.join('');
}

function concat(chunks: readonly Uint8Array[], length: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}
