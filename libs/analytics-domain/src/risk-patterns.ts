// Risk and public-opinion (舆情) monitoring: pure matching of a request's text against the
// tenant's pattern lists. Only the codes of the patterns matched are kept, never the text.
import { AlertSeverity, RiskCategory, severityRank } from '@hotline/vocabulary';

export interface RiskPattern {
  /** Stable code of the pattern within the tenant, e.g. `mass-gathering`. */
  code: string;
  category: RiskCategory;
  /** Any term matches; a term `a+b` matches when every part appears (煤气+泄漏). */
  terms: string[];
  severity: AlertSeverity;
  /** The tenant counts a match as a stability risk: the alert is marked for 110 linkage. */
  stabilityRisk: boolean;
}

/**
 * Defaults a tenant starts from (it replaces them with its own list). No published list exists
 * (domain.md §14: "no concrete 舆情 procedure … was found"); these follow the issue's groups
 * (群体性, 极端, 安全生产, 媒体) and 66号文's 风险性、苗头性 诉求 and 防范问题扩散升级.
 */
export const DEFAULT_RISK_PATTERNS: readonly RiskPattern[] = [
  { code: 'mass-gathering', category: 'mass-incident', terms: ['集体上访', '聚集', '堵路', '拉横幅', '围堵', '群体性事件', '维权群', '联名'], severity: 'high', stabilityRisk: true },
  { code: 'extreme-act', category: 'extreme', terms: ['跳楼', '自杀', '轻生', '同归于尽', '报复社会', '以死相逼', '不想活'], severity: 'critical', stabilityRisk: true },
  { code: 'safety-hazard', category: 'work-safety', terms: ['爆炸', '坍塌', '塌方', '瓦斯', '煤气+泄漏', '燃气+泄漏', '危化品', '火灾隐患', '重大安全隐患'], severity: 'high', stabilityRisk: false },
  { code: 'media-exposure', category: 'media', terms: ['媒体', '记者', '曝光', '电视台', '报社', '微博', '抖音', '头条', '网上发帖'], severity: 'medium', stabilityRisk: false },
  { code: 'repeated-escalation', category: 'escalation', terms: ['多次反映', '多次投诉', '再次反映', '反复投诉', '投诉无数次', '无人问津', '越级', '上访', '讨说法'], severity: 'medium', stabilityRisk: false },
];

export interface RiskMatch {
  codes: string[];
  categories: RiskCategory[];
  severity: AlertSeverity;
  stabilityRisk: boolean;
}

function termMatches(text: string, term: string): boolean {
  return term.split('+').every((part) => part.length > 0 && text.includes(part));
}

/** The patterns `text` matches, the highest severity among them; undefined when none. */
export function matchRisk(text: string, patterns: readonly RiskPattern[]): RiskMatch | undefined {
  const hits = patterns.filter((p) => p.terms.some((t) => termMatches(text, t)));
  if (hits.length === 0) return undefined;
  const severity = hits.map((h) => h.severity).reduce((a, b) => (severityRank(b) > severityRank(a) ? b : a));
  return {
    codes: hits.map((h) => h.code),
    categories: [...new Set(hits.map((h) => h.category))],
    severity,
    stabilityRisk: hits.some((h) => h.stabilityRisk),
  };
}
