import { maskPersonalData } from '@hotline/privacy';

/** The free text of a request brief: what the citizen typed. */
export interface BriefText {
  title: string;
  content: string;
}

/**
 * The brief dispatch keeps and passes on: its title and content with personal data masked,
 * whatever intake's event carried (a producer of an earlier release, or a replay of the 365-day
 * stream, may still bring clear phones and id numbers). Masking is idempotent.
 */
export function withMaskedText<B extends BriefText>(brief: B): B {
  return { ...brief, title: maskPersonalData(brief.title), content: maskPersonalData(brief.content) };
}
