import { canonicalQuery, EMPTY_PAYLOAD_HASH, sha256Hex, signV4 } from './sigv4';

// The published example values: the Amazon S3 API Reference, "Signature Calculations for the
// Authorization Header: Transferring Payload in a Single Chunk" (examplebucket, 2013-05-24), and
// AWS's Signature Version 4 test suite (get-vanilla, 2015-08-30).
const S3_EXAMPLE = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const S3_AT = new Date('2013-05-24T00:00:00Z');
const S3 = { region: 'us-east-1', service: 's3' };
const bucketUrl = (path: string) => new URL(`https://examplebucket.s3.amazonaws.com${path}`);

describe('AWS Signature Version 4', () => {
  it('signs the S3 reference GET Object example (a Range header, no payload)', () => {
    const signed = signV4({ method: 'GET', url: bucketUrl('/test.txt'), headers: { Range: 'bytes=0-9' }, payloadHash: EMPTY_PAYLOAD_HASH }, S3_EXAMPLE, S3, S3_AT);
    expect(signed.headers['authorization']).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    );
    expect(signed.canonicalRequest).toBe(
      [
        'GET',
        '/test.txt',
        '',
        'host:examplebucket.s3.amazonaws.com',
        'range:bytes=0-9',
        'x-amz-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
        'x-amz-date:20130524T000000Z',
        '',
        'host;range;x-amz-content-sha256;x-amz-date',
        'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      ].join('\n'),
    );
  });

  it('signs the S3 reference PUT Object example (a payload, a $ in the key)', () => {
    const payloadHash = sha256Hex('Welcome to Amazon S3.');
    expect(payloadHash).toBe('44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072');
    const signed = signV4(
      {
        method: 'PUT',
        url: bucketUrl('/test$file.text'),
        headers: { Date: 'Fri, 24 May 2013 00:00:00 GMT', 'x-amz-storage-class': 'REDUCED_REDUNDANCY' },
        payloadHash,
      },
      S3_EXAMPLE,
      S3,
      S3_AT,
    );
    expect(signed.canonicalRequest.split('\n')[1]).toBe('/test%24file.text');
    expect(signed.headers['authorization']).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,SignedHeaders=date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class,Signature=98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd',
    );
  });

  it('signs the S3 reference bucket examples (a sub-resource without a value, a sorted query)', () => {
    const get = (path: string) => signV4({ method: 'GET', url: bucketUrl(path), payloadHash: EMPTY_PAYLOAD_HASH }, S3_EXAMPLE, S3, S3_AT).signature;
    expect(get('/?lifecycle')).toBe('fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543');
    expect(get('/?max-keys=2&prefix=J')).toBe('34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7');
    expect(canonicalQuery(bucketUrl('/?prefix=J&max-keys=2'))).toBe('max-keys=2&prefix=J');
  });

  it("signs the test suite's get-vanilla (another service, no payload header)", () => {
    const signed = signV4(
      { method: 'GET', url: new URL('https://example.amazonaws.com/'), payloadHash: EMPTY_PAYLOAD_HASH, payloadHashHeader: false },
      { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' },
      { region: 'us-east-1', service: 'service' },
      new Date('2015-08-30T12:36:00Z'),
    );
    expect(signed.headers['authorization']).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request,SignedHeaders=host;x-amz-date,Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31',
    );
  });

  it('signs a session token, and a port that is not the default, into the request', () => {
    const signed = signV4(
      { method: 'GET', url: new URL('http://127.0.0.1:9000/bucket/city-1/request/a/b'), payloadHash: EMPTY_PAYLOAD_HASH },
      { ...S3_EXAMPLE, sessionToken: 'token' },
      S3,
      S3_AT,
    );
    expect(signed.headers).toMatchObject({ host: '127.0.0.1:9000', 'x-amz-security-token': 'token' });
    expect(signed.headers['authorization']).toContain('SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-security-token,');
  });
});
