// The name an uploaded file is kept and offered under. Pure: no I/O.
import { maskPersonalData } from '@hotline/privacy';

/** Longest name kept, in characters (code points): every file system takes 255 bytes, and 200 CJK characters fit no UI anyway. */
export const MAX_FILENAME_CHARACTERS = 200;

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;
/** Bidirectional overrides and isolates: "invoice\u202Efdp.exe" shows as "invoiceexe.pdf". */
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/;

export type FilenameVerdict = { ok: true; filename: string } | { ok: false; message: string };

/**
 * The name to keep: the last segment of what the client sent (a browser or a script may send a
 * whole path, with either slash), NFC-normalised, without surrounding spaces or the trailing dots
 * Windows drops, and with personal data in it masked (a photo named after the requester's phone
 * number). Refused: nothing left, `.` or `..`, control or bidirectional-override characters, or
 * more than MAX_FILENAME_CHARACTERS characters.
 */
export function safeFilename(raw: string | undefined): FilenameVerdict {
  if (raw === undefined || raw.trim() === '') return { ok: false, message: 'must name the file (the name it is offered under on download)' };
  if (CONTROL.test(raw)) return { ok: false, message: 'must not contain control characters' };
  if (BIDI_CONTROL.test(raw)) return { ok: false, message: 'must not contain bidirectional-override characters' };
  const last = raw.normalize('NFC').split(/[/\\]/).pop() ?? '';
  const name = last.trim().replace(/[. ]+$/, '');
  if (name === '' || name === '.' || name === '..') return { ok: false, message: 'must be a file name, not a path or only dots' };
  if ([...name].length > MAX_FILENAME_CHARACTERS) return { ok: false, message: `must be at most ${MAX_FILENAME_CHARACTERS} characters` };
  return { ok: true, filename: maskPersonalData(name) };
}

/** RFC 5987 attr-char: everything else is percent-encoded (encodeURIComponent leaves ' ( ) * behind). */
const encodeRfc5987 = (value: string) => encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * `Content-Disposition: attachment` with the name twice: an ASCII fallback for old clients
 * (anything else, and quotes and backslashes, as `_`) and the UTF-8 name as RFC 6266 / RFC 5987
 * `filename*`. `attachment` makes a browser save the file, never render it in the API's origin.
 */
export function contentDisposition(filename: string): string {
  const fallback = filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeRfc5987(filename)}`;
}
