import { onLinkageTransferDecided } from './on-linkage-transfer-decided.handler';
import { onLinkageTransferOffered } from './on-linkage-transfer-offered.handler';

/** The interconnect's read model: every transfer, from intake's stream. */
export const linkageHandlers = [onLinkageTransferOffered, onLinkageTransferDecided];
