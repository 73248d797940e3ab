import { contentDisposition, MAX_FILENAME_CHARACTERS, safeFilename } from './filename';

describe('file names', () => {
  it('keeps the last segment of a path, trimmed, NFC, without trailing dots', () => {
    expect(safeFilename('C:\\Users\\张三\\Desktop\\现场照片.jpg')).toEqual({ ok: true, filename: '现场照片.jpg' });
    expect(safeFilename('../../etc/passwd')).toEqual({ ok: true, filename: 'passwd' });
    expect(safeFilename('  报告.pdf.. ')).toEqual({ ok: true, filename: '报告.pdf' });
    expect(safeFilename('cafe\u0301.txt')).toEqual({ ok: true, filename: 'caf\u00e9.txt' });
  });

  it('masks personal data in the name', () => {
    expect(safeFilename('13812345678的录音.mp3')).toEqual({ ok: true, filename: '138****5678的录音.mp3' });
  });

  it('refuses nothing, dots, control and bidirectional-override characters, and long names', () => {
    for (const bad of [undefined, '', '   ', '..', 'dir/', 'a\u0000.pdf', 'a\nb.pdf', 'invoice\u202Efdp.exe', 'x'.repeat(MAX_FILENAME_CHARACTERS + 1)])
      expect(safeFilename(bad).ok).toBe(false);
    expect(safeFilename('字'.repeat(MAX_FILENAME_CHARACTERS)).ok).toBe(true);
  });

  it('offers the name as an attachment, ASCII fallback and RFC 5987 UTF-8', () => {
    expect(contentDisposition('现场 照片(1).jpg')).toBe(
      `attachment; filename="__ __(1).jpg"; filename*=UTF-8''%E7%8E%B0%E5%9C%BA%20%E7%85%A7%E7%89%87%281%29.jpg`,
    );
    expect(contentDisposition('a"b\\c.txt')).toBe(`attachment; filename="a_b_c.txt"; filename*=UTF-8''a%22b%5Cc.txt`);
    expect(contentDisposition("it's*.pdf")).toContain("filename*=UTF-8''it%27s%2A.pdf");
  });
});
