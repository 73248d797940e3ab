// What a file is, read from its bytes (magic numbers and, for Office files, the names inside the
// zip), never from its name or the type a client declares: a declared type is only believed when
// the bytes agree (inspect.ts). Pure: no I/O.
import type { AttachmentContentType } from '@hotline/vocabulary';

/** The type the bytes show, when it is one the platform accepts; `what` says what they are either way. */
export interface Sniffed {
  type?: AttachmentContentType;
  /** For people: "a PNG image", "a Windows executable", "a zip archive that is no Word or Excel file". */
  what: string;
}

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const ascii = (text: string) => Array.from(text, (c) => c.charCodeAt(0));
function startsWith(bytes: Uint8Array, signature: readonly number[], at = 0): boolean {
  if (bytes.length < at + signature.length) return false;
  return signature.every((b, i) => bytes[at + i] === b);
}

/** Programs and scripts: refused whatever they are declared as, and named as what they are. */
const EXECUTABLES: Array<[readonly number[], string]> = [
  [ascii('MZ'), 'a Windows executable'],
  [[0x7f, ...ascii('ELF')], 'a Linux (ELF) executable'],
  [[0xfe, 0xed, 0xfa, 0xce], 'a macOS (Mach-O) executable'],
  [[0xfe, 0xed, 0xfa, 0xcf], 'a macOS (Mach-O) executable'],
  [[0xce, 0xfa, 0xed, 0xfe], 'a macOS (Mach-O) executable'],
  [[0xcf, 0xfa, 0xed, 0xfe], 'a macOS (Mach-O) executable'],
  [[0xca, 0xfe, 0xba, 0xbe], 'a Java class or macOS universal binary'],
  [[0x00, ...ascii('asm')], 'a WebAssembly module'],
];

const AMR_NB = ascii('#!AMR\n');
const AMR_WB = ascii('#!AMR-WB\n');

/** An MPEG audio frame header (MP3 and its layers I/II) at the start: sync bits and no reserved values. */
function isMpegAudioFrame(bytes: Uint8Array): boolean {
  const [b0 = 0, b1 = 0, b2 = 0] = bytes;
  if (bytes.length < 4 || b0 !== 0xff || (b1 & 0xe0) !== 0xe0) return false;
  const version = (b1 >> 3) & 0b11;
  const layer = (b1 >> 1) & 0b11;
  const bitrate = b2 >> 4;
  const sampleRate = (b2 >> 2) & 0b11;
  return version !== 0b01 && layer !== 0b00 && bitrate !== 0b1111 && bitrate !== 0 && sampleRate !== 0b11;
}

// C0 controls other than tab, line feed, form feed and carriage return; DEL; C1 controls.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const BINARY_CONTROL = /[\u0000-\u0008\u000B\u000E-\u001F\u007F-\u009F]/;
/** Markup a browser would render or a script an interpreter would run: not "plain text" whatever it is declared as. */
const MARKUP_OR_SCRIPT = /^(#!|<\?php|<\?xml|<%|<!doctype|<(html|head|body|script|svg|iframe|object|embed|meta|link|style)[\s>/])/i;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function sniffText(bytes: Uint8Array): Sniffed {
  let text: string;
  try {
    text = strictUtf8.decode(bytes); // a leading BOM is dropped by the decoder
  } catch {
    return { what: 'binary data of no type the platform accepts' };
  }
  if (BINARY_CONTROL.test(text)) return { what: 'binary data of no type the platform accepts' };
  if (MARKUP_OR_SCRIPT.test(text.trimStart())) return { what: 'markup or a script, not plain text' };
  return { type: 'text/plain', what: 'plain text' };
}

/** The names of a zip's entries, from its central directory; undefined when it is not a whole, readable zip. */
export function zipEntryNames(bytes: Uint8Array): string[] | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-central-directory record: 22 bytes, then a comment of at most 65,535.
  const lowest = Math.max(0, bytes.length - 22 - 0xffff);
  let end = -1;
  for (let at = bytes.length - 22; at >= lowest; at--) {
    if (view.getUint32(at, true) === 0x06054b50) {
      end = at;
      break;
    }
  }
  if (end < 0) return undefined;
  const count = view.getUint16(end + 10, true);
  const size = view.getUint32(end + 12, true);
  const offset = view.getUint32(end + 16, true);
  // ZIP64 (an Office file never needs it) or a directory outside the file: not one we read.
  if (offset === 0xffffffff || size === 0xffffffff || offset + size > end) return undefined;
  const names: string[] = [];
  const decoder = new TextDecoder('utf-8');
  for (let at = offset, i = 0; i < count; i++) {
    if (at + 46 > end || view.getUint32(at, true) !== 0x02014b50) return undefined;
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    if (at + 46 + nameLength > end) return undefined;
    names.push(decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength)));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

/**
 * A zip is accepted only as a Word (.docx) or Excel (.xlsx) file: the package's content-types
 * part and its main part by their fixed names (ECMA-376 Part 2), and no VBA project — a
 * macro-enabled document renamed .docx runs its macros as soon as it is enabled.
 */
function sniffZip(bytes: Uint8Array): Sniffed {
  const names = zipEntryNames(bytes);
  if (!names) return { what: 'a damaged or unreadable zip archive' };
  const has = new Set(names);
  if (names.some((n) => /(^|\/)vbaProject\.bin$/i.test(n))) return { what: 'an Office file with macros' };
  if (!has.has('[Content_Types].xml')) return { what: 'a zip archive that is no Word or Excel file' };
  const word = has.has('word/document.xml');
  const excel = has.has('xl/workbook.xml');
  if (word && !excel) return { type: DOCX, what: 'a Word document' };
  if (excel && !word) return { type: XLSX, what: 'an Excel workbook' };
  return { what: 'an Office package that is no Word or Excel file' };
}

/** What the bytes are. Text comes last: it is what is left when no signature matches. */
export function sniffContentType(bytes: Uint8Array): Sniffed {
  // AMR starts "#!" like a script: it is matched before the scripts are.
  if (startsWith(bytes, AMR_WB)) return { type: 'audio/amr-wb', what: 'an AMR-WB recording' };
  if (startsWith(bytes, AMR_NB)) return { type: 'audio/amr', what: 'an AMR recording' };
  for (const [signature, what] of EXECUTABLES) if (startsWith(bytes, signature)) return { what };
  if (startsWith(bytes, ascii('%PDF-'))) return { type: 'application/pdf', what: 'a PDF document' };
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { type: 'image/png', what: 'a PNG image' };
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { type: 'image/jpeg', what: 'a JPEG image' };
  if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'))) return { type: 'image/gif', what: 'a GIF image' };
  if (startsWith(bytes, ascii('RIFF'))) {
    if (startsWith(bytes, ascii('WEBP'), 8)) return { type: 'image/webp', what: 'a WebP image' };
    if (startsWith(bytes, ascii('WAVE'), 8)) return { type: 'audio/wav', what: 'a WAV recording' };
    return { what: 'a RIFF file of no type the platform accepts' };
  }
  if (startsWith(bytes, ascii('ID3')) && bytes.length > 3 && [2, 3, 4].includes(bytes[3] ?? 0)) return { type: 'audio/mpeg', what: 'an MP3 recording' };
  if (isMpegAudioFrame(bytes)) return { type: 'audio/mpeg', what: 'an MP3 recording' };
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return sniffZip(bytes);
  if (startsWith(bytes, [0x50, 0x4b, 0x05, 0x06]) || startsWith(bytes, [0x50, 0x4b, 0x07, 0x08])) return { what: 'an empty or split zip archive' };
  return sniffText(bytes);
}
