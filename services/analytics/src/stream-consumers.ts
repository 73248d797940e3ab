/**
 * analytics reads each producer's whole stream through one durable consumer,
 * `analytics--hl-<producer>-v1--all` (the names deployed: they must not change). The tally of
 * every event and the typed lifecycle handlers all join it, in one inbox transaction per event.
 */
export const STREAM_CONSUMER = 'all';
