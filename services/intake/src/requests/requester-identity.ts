import type { Requester } from '@hotline/intake-domain';
import { PiiCipher } from '@hotline/platform';
import type { RequestEntity } from './request.entity';

type IdentityColumns = Pick<
  RequestEntity,
  'anonymous' | 'confidential' | 'requesterNameEnc' | 'requesterPhoneEnc' | 'requesterIdNumberEnc' | 'requesterAddressEnc'
>;

/** The identity columns of a requester, encrypted; all empty when anonymous. */
export function sealRequester(cipher: PiiCipher, tenantId: string, requester: Requester): IdentityColumns {
  if (requester.anonymous)
    return {
      anonymous: true,
      confidential: false,
      requesterNameEnc: null,
      requesterPhoneEnc: null,
      requesterIdNumberEnc: null,
      requesterAddressEnc: null,
    };
  return {
    anonymous: false,
    confidential: requester.confidential,
    requesterNameEnc: cipher.encrypt(tenantId, requester.name),
    requesterPhoneEnc: cipher.encrypt(tenantId, requester.phone),
    requesterIdNumberEnc: cipher.encryptOptional(tenantId, requester.idNumber),
    requesterAddressEnc: cipher.encryptOptional(tenantId, requester.address),
  };
}

/** The requester in clear. Only for masking in memory and for the audited clear read. */
export function openRequester(cipher: PiiCipher, r: RequestEntity): Requester {
  if (r.anonymous) return { anonymous: true };
  const clear = (blob: Buffer | null) => cipher.decryptOptional(r.tenantId, blob);
  const idNumber = clear(r.requesterIdNumberEnc);
  const address = clear(r.requesterAddressEnc);
  return {
    anonymous: false,
    name: clear(r.requesterNameEnc) ?? '',
    phone: clear(r.requesterPhoneEnc) ?? '',
    ...(idNumber === undefined ? {} : { idNumber }),
    ...(address === undefined ? {} : { address }),
    confidential: r.confidential,
  };
}
