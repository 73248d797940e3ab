import { SAMPLES, zipOf } from '../test/samples';
import { sniffContentType, zipEntryNames } from './sniff';

describe('what a file is, from its bytes', () => {
  it('recognises every accepted type by its signature', () => {
    const expected: Array<[keyof typeof SAMPLES, string]> = [
      ['pdf', 'application/pdf'],
      ['png', 'image/png'],
      ['jpeg', 'image/jpeg'],
      ['gif', 'image/gif'],
      ['webp', 'image/webp'],
      ['wav', 'audio/wav'],
      ['mp3Id3', 'audio/mpeg'],
      ['mp3Frame', 'audio/mpeg'],
      ['amr', 'audio/amr'],
      ['amrWb', 'audio/amr-wb'],
      ['text', 'text/plain'],
      ['textWithBom', 'text/plain'],
      ['docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
      ['xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ];
    for (const [sample, type] of expected) expect([sample, sniffContentType(SAMPLES[sample]).type]).toEqual([sample, type]);
  });

  it('names executables and scripts for what they are, and accepts none of them', () => {
    expect(sniffContentType(SAMPLES.exe)).toEqual({ what: 'a Windows executable' });
    expect(sniffContentType(SAMPLES.elf)).toEqual({ what: 'a Linux (ELF) executable' });
    expect(sniffContentType(SAMPLES.script)).toEqual({ what: 'markup or a script, not plain text' });
    expect(sniffContentType(SAMPLES.html)).toEqual({ what: 'markup or a script, not plain text' });
    expect(sniffContentType(SAMPLES.svg)).toEqual({ what: 'markup or a script, not plain text' });
  });

  it('accepts a zip only as a Word or Excel file without macros', () => {
    expect(sniffContentType(SAMPLES.docm)).toEqual({ what: 'an Office file with macros' });
    expect(sniffContentType(SAMPLES.zip).type).toBeUndefined();
    expect(sniffContentType(SAMPLES.jar).type).toBeUndefined();
    const both = zipOf({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '', 'xl/workbook.xml': '' });
    expect(sniffContentType(both).type).toBeUndefined();
    // Truncated: the central directory is gone.
    expect(sniffContentType(SAMPLES.docx.subarray(0, SAMPLES.docx.length - 30))).toEqual({ what: 'a damaged or unreadable zip archive' });
  });

  it('reads the names of a zip from its central directory', () => {
    expect(zipEntryNames(SAMPLES.docx)).toEqual(['[Content_Types].xml', '_rels/.rels', 'word/document.xml']);
    expect(zipEntryNames(Buffer.from('PK\x03\x04 not really'))).toBeUndefined();
  });

  it('takes text only as UTF-8 without binary control characters', () => {
    expect(sniffContentType(SAMPLES.binary).type).toBeUndefined();
    expect(sniffContentType(SAMPLES.latin1).type).toBeUndefined();
    expect(sniffContentType(Buffer.from('a\u0000b')).type).toBeUndefined();
    expect(sniffContentType(Buffer.from('表格\f第二页')).type).toBe('text/plain');
  });

  it('does not take a JPEG or an AAC stream for MP3 frames', () => {
    expect(sniffContentType(Buffer.from([0xff, 0xf1, 0x50, 0x80, 0, 0])).type).toBeUndefined(); // ADTS AAC: layer bits 00
    expect(sniffContentType(Buffer.from([0xff, 0xfb, 0xf0, 0x64])).type).toBeUndefined(); // bitrate index 1111
    expect(sniffContentType(SAMPLES.jpeg).type).toBe('image/jpeg');
  });
});
