import { CommandVirusScanner, NoVirusScanner, ScannerUnavailableError } from './virus-scanner';

// A real child process with the file on stdin, answering by exit code as clamdscan does: here a
// node one-liner that finds the EICAR test string (the standard harmless "virus").
const EICAR = 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*';
// The command is split on spaces (no shell): the scripts here have none.
const scanner = (script: string, timeoutMs = 10_000) => new CommandVirusScanner(`${process.execPath} -e ${script}`, timeoutMs);
const FINDS_EICAR = `b='';process.stdin.on('data',d=>b+=d).on('end',()=>process.exit(b.includes('EICAR-STANDARD')?1:0))`;

describe('the virus-scan hook', () => {
  it('says not-scanned when none is configured', async () => {
    expect(await new NoVirusScanner().scan()).toBe('not-scanned');
  });

  it('runs the command on the bytes: exit 0 clean, 1 infected', async () => {
    expect(await scanner(FINDS_EICAR).scan(Buffer.from('%PDF-1.7 harmless'))).toBe('clean');
    expect(await scanner(FINDS_EICAR).scan(Buffer.from(EICAR))).toBe('infected');
  });

  it('is unavailable when the scanner errs, hangs or is not there', async () => {
    await expect(scanner('process.exit(2)').scan(Buffer.from('x'))).rejects.toBeInstanceOf(ScannerUnavailableError);
    await expect(scanner('setTimeout(()=>{},60000)', 300).scan(Buffer.from('x'))).rejects.toThrow(/did not answer/);
    await expect(new CommandVirusScanner('/nonexistent/clamdscan --no-summary -', 1000).scan(Buffer.from('x'))).rejects.toMatchObject({ code: '503' });
  });

  it('still reads the verdict of a scanner that stops reading early', async () => {
    expect(await scanner('process.exit(1)').scan(Buffer.alloc(8 * 1024 * 1024, 0x41))).toBe('infected');
  });
});
