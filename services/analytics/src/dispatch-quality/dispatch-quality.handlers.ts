import { onRequestDispatched } from './on-request-dispatched.handler';
import { onReturnDecided } from './on-return-decided.handler';
import { onReturnFiled } from './on-return-filed.handler';

/** The dispatch-quality read model: every attempt and return, from dispatch's stream. */
export const dispatchQualityHandlers = [onRequestDispatched, onReturnFiled, onReturnDecided];
