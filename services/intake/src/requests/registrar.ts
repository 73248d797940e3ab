import { OnApplicationShutdown } from '@nestjs/common';
import { Outbox, PiiCipher } from '@hotline/platform';
import { RequestNumbers } from './request-numbers';

/**
 * What records new requests beside their transaction, wherever they come from (an agent, the
 * public, the 110 interconnect): the outbox for their events, the cipher for identity and free
 * text, and the source of their numbers.
 */
export class Registrar implements OnApplicationShutdown {
  constructor(
    readonly outbox: Outbox,
    readonly cipher: PiiCipher,
    readonly numbers: RequestNumbers,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.numbers.close();
  }
}
