import { linkageV1 } from '@hotline/contracts';
import type { LinkageMethod, LinkagePlatform, LinkageProgressStep, ThreePartyRole, Urgency } from '@hotline/vocabulary';

// The interconnect's enums ↔ the platform's vocabulary codes: the proto is shared with
// another organisation's platform, so it keeps enums of its own (buf style), mapped once here.

const METHODS: Record<LinkageMethod, linkageV1.TransferMethod> = {
  'one-key-transfer': linkageV1.TransferMethod.TRANSFER_METHOD_ONE_KEY_TRANSFER,
  'three-party-call': linkageV1.TransferMethod.TRANSFER_METHOD_THREE_PARTY_CALL,
  'system-push': linkageV1.TransferMethod.TRANSFER_METHOD_SYSTEM_PUSH,
  'call-guidance': linkageV1.TransferMethod.TRANSFER_METHOD_CALL_GUIDANCE,
};

const URGENCIES: Record<Urgency, linkageV1.Urgency> = {
  normal: linkageV1.Urgency.URGENCY_NORMAL,
  urgent: linkageV1.Urgency.URGENCY_URGENT,
  critical: linkageV1.Urgency.URGENCY_CRITICAL,
};

const STEPS: Record<LinkageProgressStep, linkageV1.ProgressStep> = {
  received: linkageV1.ProgressStep.PROGRESS_STEP_RECEIVED,
  dispatched: linkageV1.ProgressStep.PROGRESS_STEP_DISPATCHED,
  handled: linkageV1.ProgressStep.PROGRESS_STEP_HANDLED,
  closed: linkageV1.ProgressStep.PROGRESS_STEP_CLOSED,
};

const PLATFORMS: Record<LinkagePlatform, linkageV1.Platform> = {
  '12345': linkageV1.Platform.PLATFORM_12345,
  '110': linkageV1.Platform.PLATFORM_110,
};

const ROLES: Record<ThreePartyRole, linkageV1.ParticipantRole> = {
  caller: linkageV1.ParticipantRole.PARTICIPANT_ROLE_CALLER,
  '12345-agent': linkageV1.ParticipantRole.PARTICIPANT_ROLE_AGENT_12345,
  '110-operator': linkageV1.ParticipantRole.PARTICIPANT_ROLE_OPERATOR_110,
};

function inverse<C extends string, E extends number>(map: Record<C, E>): (value: E) => C | undefined {
  const back = new Map<number, C>(Object.entries(map).map(([code, wire]) => [wire as number, code as C]));
  return (value) => back.get(value);
}

export const toWire = {
  method: (m: LinkageMethod) => METHODS[m],
  urgency: (u: Urgency) => URGENCIES[u],
  step: (s: LinkageProgressStep) => STEPS[s],
  platform: (p: LinkagePlatform) => PLATFORMS[p],
  role: (r: ThreePartyRole) => ROLES[r],
};

/** Undefined for UNSPECIFIED or an unknown number (a newer peer): the caller refuses the field. */
export const fromWire = {
  method: inverse(METHODS),
  urgency: inverse(URGENCIES),
  step: inverse(STEPS),
  platform: inverse(PLATFORMS),
  role: inverse(ROLES),
};
