import type { RequestType, Urgency } from '@hotline/vocabulary';

/**
 * 诉求类型 and 紧急程度 suggested by keyword rules, not by a model: agents' confirmed types and
 * urgencies are too unevenly spread (most requests are complaints or consultations, critical ones
 * are rare) for a per-tenant model to learn the rare ones, and the cues are few and explicit
 * (投诉, 举报, 被困, 燃气泄漏). The quality figures compare these with the agents' choices.
 *
 * A probability is the rule's share of the keyword evidence, smoothed (each type has 0.5 hits of
 * prior, the default one more): it ranks, it is not calibrated.
 */
export interface RuleSuggestion<C extends string> {
  code: C;
  probability: number;
  /** The keywords that matched, for the agent to see why. */
  cues: string[];
}

type Cues<C extends string> = ReadonlyArray<readonly [C, readonly string[]]>;

const TYPE_CUES: Cues<RequestType> = [
  ['report', ['举报', '检举', '揭发', '偷排', '偷倒', '非法', '违法', '无证经营', '黑作坊', '传销', '赌博', '违建', '违章搭建']],
  ['complaint', ['投诉', '不满', '态度差', '态度恶劣', '乱收费', '拖欠', '扰民', '噪音', '推诿', '不作为', '被骗', '欺诈', '不退', '维权', '脏乱差', '无人管']],
  ['help', ['求助', '求救', '帮忙', '帮帮', '救助', '被困', '走失', '生活困难', '无家可归']],
  ['suggestion', ['建议', '提议', '呼吁', '希望增设', '希望增加', '能否增设', '能否增加', '意见']],
  ['praise', ['表扬', '感谢', '点赞', '锦旗', '致谢', '称赞']],
  ['consultation', ['咨询', '请问', '如何办理', '怎么办理', '需要什么材料', '什么时候', '在哪里', '能不能', '是否可以', '政策']],
];
const DEFAULT_TYPE: RequestType = 'consultation';

// 特急: life or property at risk now; 紧急: water, power, gas, heating and the like (domain.md §5.2).
const URGENCY_CUES: Cues<Urgency> = [
  ['critical', ['被困', '困在电梯', '燃气泄漏', '煤气泄漏', '闻到燃气', '燃气味', '着火', '火灾', '坍塌', '塌方', '触电', '爆炸', '生命危险', '溺水', '受伤']],
  ['urgent', ['漏水', '爆管', '水管爆', '停水', '没水', '停电', '断电', '没电', '停气', '断气', '燃气中断', '暖气不热', '没有暖气', '停暖', '污水外溢', '井盖', '积水']],
];
const DEFAULT_URGENCY: Urgency = 'normal';

const PRIOR = 0.5;

/** 'most': the code with the most cues wins; 'first': the first code in the list with any cue (a higher tier). */
type Choice = 'most' | 'first';

function byRules<C extends string>(text: string, cues: Cues<C>, fallback: C, codes: readonly C[], choice: Choice): RuleSuggestion<C> {
  const hits = new Map<C, string[]>();
  for (const [code, words] of cues) {
    const found = words.filter((w) => text.includes(w));
    // A cue contained in a longer matched cue of the same code counts once (停电 and 停电了 would be one).
    if (found.length > 0) hits.set(code, found.filter((w) => !found.some((o) => o !== w && o.includes(w))));
  }
  const count = (code: C) => hits.get(code)?.length ?? 0;
  // Chosen on the hits alone; ties go to the earlier code in the cue list (report before complaint).
  let best = fallback;
  let bestCount = 0;
  for (const [code] of cues) {
    if (count(code) === 0) continue;
    if (choice === 'first') {
      best = code;
      break;
    }
    if (count(code) > bestCount) [best, bestCount] = [code, count(code)];
  }
  const evidence = (code: C) => count(code) + PRIOR + (code === fallback ? 1 : 0);
  const total = codes.reduce((sum, code) => sum + evidence(code), 0);
  return { code: best, probability: evidence(best) / total, cues: hits.get(best) ?? [] };
}

const TYPE_CODES = [...TYPE_CUES.map(([c]) => c), 'other'] as RequestType[];
const URGENCY_CODES: Urgency[] = ['critical', 'urgent', 'normal'];

/** The request type the text's keywords point to (consultation without any). */
export function suggestRequestType(title: string | undefined, content: string): RuleSuggestion<RequestType> {
  return byRules(`${title ?? ''} ${content}`, TYPE_CUES, DEFAULT_TYPE, TYPE_CODES, 'most');
}

/** The urgency the text's keywords point to (normal without any); critical cues outrank urgent ones. */
export function suggestUrgency(title: string | undefined, content: string): RuleSuggestion<Urgency> {
  return byRules(`${title ?? ''} ${content}`, URGENCY_CUES, DEFAULT_URGENCY, URGENCY_CODES, 'first');
}
