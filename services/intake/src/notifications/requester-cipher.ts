import { PiiCipher, type ServiceContext } from '@hotline/platform';

const ciphers = new WeakMap<ServiceContext, PiiCipher>();

/** intake's PiiCipher for a context (the one its providers build from the same configuration), made once. */
export function requesterCipherOf(ctx: ServiceContext): PiiCipher {
  let cipher = ciphers.get(ctx);
  if (!cipher) {
    cipher = PiiCipher.fromConfig(ctx.serviceConfig);
    ciphers.set(ctx, cipher);
  }
  return cipher;
}
