// The phone-service rates are defined once, in the shared vocabulary (libs/vocabulary/src/call-rates.ts),
// because analytics computes the same figures for the reports from intake's call events (ADR 0038).
// intake's names for them stay, so its callers and tests read as before.
export type { CallCounts, CallRate as Rate, CallRates } from '@hotline/vocabulary';
export { callRate as rate, callRates, NO_CALLS, sumCallCounts as sumCounts } from '@hotline/vocabulary';
