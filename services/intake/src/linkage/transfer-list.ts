import type { LinkageCounterpart, LinkageDirection } from '@hotline/vocabulary';

/** One item of a hotline's bilateral transfer list (e.g. "T1-03 刑事类 / 持械威胁"). */
export interface TransferListItem {
  direction: LinkageDirection;
  counterpart: LinkageCounterpart;
  code: string;
  className: string;
  itemName: string;
  /** Content categories of the item: a request matches when its category is one of them or below one. */
  categoryCodes: string[];
  /** Words that make a request's text match the item. */
  keywords: string[];
}

export interface TransferSuggestion {
  item: TransferListItem;
  /** Why it matches, for the agent and the dispatcher: `category 0101` and `keyword 持刀`. */
  why: string[];
}

/**
 * The outgoing items a request matches, the best first (most reasons): by its category (the
 * item names it or an ancestor of it) and by keywords in its text. A suggestion only: the agent
 * decides, and the request is transferred only if the counterpart accepts.
 */
export function suggestTransfers(
  items: readonly TransferListItem[],
  request: { categoryCode: string | null; text: string },
): TransferSuggestion[] {
  const suggestions: TransferSuggestion[] = [];
  for (const item of items) {
    if (item.direction !== 'outgoing') continue;
    const why = [
      ...item.categoryCodes.filter((c) => request.categoryCode?.startsWith(c)).map((c) => `category ${c}`),
      ...item.keywords.filter((k) => k !== '' && request.text.includes(k)).map((k) => `keyword ${k}`),
    ];
    if (why.length > 0) suggestions.push({ item, why });
  }
  return suggestions.sort((a, b) => b.why.length - a.why.length || a.item.code.localeCompare(b.item.code));
}
