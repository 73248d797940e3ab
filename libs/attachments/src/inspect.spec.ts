import { createHash } from 'node:crypto';
import { ProblemError } from '@hotline/platform';
import { SAMPLES } from '../test/samples';
import { declaredType, inspectUpload } from './inspect';
import { DEFAULT_ATTACHMENT_POLICY } from './policy';

const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (err) {
    const p = err as ProblemError;
    return { status: p.status, code: p.code, fields: p.errors?.map((e) => e.field), message: p.errors?.[0]?.message };
  }
  throw new Error('not refused');
};

describe('inspecting an upload against a tenant policy', () => {
  const upload = (bytes: Buffer | undefined, declared: string | undefined, ...name: [string | undefined] | []) => ({ bytes, declared, filename: name.length ? name[0] : 'file' });

  it('accepts a file whose bytes are what it is declared as, with its digest', () => {
    const inspected = inspectUpload(upload(SAMPLES.png, 'image/png', '路灯.png'), DEFAULT_ATTACHMENT_POLICY);
    expect(inspected).toMatchObject({
      filename: '路灯.png',
      declaredContentType: 'image/png',
      contentType: 'image/png',
      size: SAMPLES.png.length,
      sha256: createHash('sha256').update(SAMPLES.png).digest('hex'),
    });
    expect(inspectUpload(upload(SAMPLES.text, 'text/plain; charset=UTF-8'), DEFAULT_ATTACHMENT_POLICY).contentType).toBe('text/plain');
    expect(inspectUpload(upload(SAMPLES.jpeg, 'image/jpg'), DEFAULT_ATTACHMENT_POLICY).contentType).toBe('image/jpeg');
    expect(inspectUpload(upload(SAMPLES.wav, 'audio/x-wav'), DEFAULT_ATTACHMENT_POLICY).contentType).toBe('audio/wav');
  });

  it('refuses a disguised file with 415 naming the declared type', () => {
    expect(refusal(() => inspectUpload(upload(SAMPLES.exe, 'application/pdf'), DEFAULT_ATTACHMENT_POLICY))).toEqual({
      status: 415,
      code: 'unsupported_attachment_type',
      fields: ['header.content-type'],
      message: 'declared application/pdf, but the bytes are a Windows executable',
    });
    expect(refusal(() => inspectUpload(upload(SAMPLES.script, 'image/png'), DEFAULT_ATTACHMENT_POLICY)).message).toMatch(/script/);
    expect(refusal(() => inspectUpload(upload(SAMPLES.html, 'text/plain'), DEFAULT_ATTACHMENT_POLICY)).status).toBe(415);
    expect(refusal(() => inspectUpload(upload(SAMPLES.png, 'image/jpeg'), DEFAULT_ATTACHMENT_POLICY)).message).toBe('declared image/jpeg, but the bytes are a PNG image');
  });

  it('refuses a type no attachment has, one the tenant does not take, or no type at all (415)', () => {
    for (const declared of [undefined, '', 'application/x-msdownload', 'application/json', 'text/html', 'application/octet-stream'])
      expect(refusal(() => inspectUpload(upload(SAMPLES.pdf, declared), DEFAULT_ATTACHMENT_POLICY))).toMatchObject({ status: 415, fields: ['header.content-type'] });
    const imagesOnly = { ...DEFAULT_ATTACHMENT_POLICY, contentTypes: ['image/png' as const] };
    expect(refusal(() => inspectUpload(upload(SAMPLES.pdf, 'application/pdf'), imagesOnly)).message).toMatch(/not taken by this hotline/);
    expect(refusal(() => inspectUpload(upload(SAMPLES.text, 'text/plain; charset=gbk'), DEFAULT_ATTACHMENT_POLICY)).message).toBe('text must be UTF-8, not gbk');
  });

  it('refuses a file over the tenant limit with 413, an empty one and a bad name with 400', () => {
    const small = { ...DEFAULT_ATTACHMENT_POLICY, maxFileBytes: 10 };
    expect(refusal(() => inspectUpload(upload(SAMPLES.png, 'image/png'), small))).toMatchObject({ status: 413, code: 'attachment_too_large', fields: ['(body)'] });
    expect(refusal(() => inspectUpload(upload(Buffer.alloc(0), 'image/png'), DEFAULT_ATTACHMENT_POLICY))).toMatchObject({ status: 400, fields: ['(body)'] });
    expect(refusal(() => inspectUpload(upload(undefined, 'image/png'), DEFAULT_ATTACHMENT_POLICY))).toMatchObject({ status: 400, fields: ['(body)'] });
    expect(refusal(() => inspectUpload(upload(SAMPLES.png, 'image/png', undefined), DEFAULT_ATTACHMENT_POLICY))).toMatchObject({ status: 400, fields: ['query.filename'] });
    expect(refusal(() => inspectUpload(upload(SAMPLES.png, 'image/png', 'a\u202Egnp.exe'), DEFAULT_ATTACHMENT_POLICY))).toMatchObject({ status: 400, fields: ['query.filename'] });
  });

  it('reads declared types with parameters and aliases', () => {
    expect(declaredType('Image/PNG; name=x')).toEqual({ type: 'image/png' });
    expect(declaredType('audio/mp3')).toEqual({ type: 'audio/mpeg' });
    expect(declaredType('text/plain; charset="us-ascii"')).toEqual({ type: 'text/plain' });
    expect(declaredType('image/svg+xml')).toHaveProperty('problem');
  });
});
