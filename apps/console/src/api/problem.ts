// Problem responses (application/problem+json) shown in the user's language: the message comes
// from the problem's code (and the fields it names), with the service's own detail as a fallback.
import type { Lang } from '../i18n';

export interface ProblemBody {
  status: number;
  code: string;
  title: string;
  detail?: string;
  errors?: { field: string; message: string }[];
}

export class Problem extends Error {
  constructor(readonly body: ProblemBody) {
    super(body.detail ?? body.title);
  }
}

export function toProblem(status: number, error: unknown): Problem {
  const body = (typeof error === 'object' && error !== null ? error : {}) as Partial<ProblemBody>;
  return new Problem({ status, code: body.code ?? `http_${status}`, title: body.title ?? `HTTP ${status}`, detail: body.detail, errors: body.errors });
}

const MESSAGES: Record<string, { zh: string; en: string }> = {
  validation_failed: { zh: '请检查填写的内容', en: 'Please check the fields' },
  not_found: { zh: '没有找到，或无权查看', en: 'Not found, or not yours to see' },
  forbidden: { zh: '当前角色无权执行此操作', en: 'Your role may not do this' },
  unauthenticated: { zh: '登录已失效，请重新登录', en: 'Your session has ended; please sign in again' },
  conflict: { zh: '状态已变化，请刷新后重试', en: 'It changed meanwhile; refresh and try again' },
  rate_limited: { zh: '操作过于频繁，请稍后再试', en: 'Too many attempts; try again later' },
  network: { zh: '网络连接失败', en: 'The network is unreachable' },
  unavailable: { zh: '服务暂不可用，请稍后再试', en: 'The service is unavailable; try again later' },
  // Attachments (ADR 0028): the file's size, type and count are the hotline's rules.
  attachment_too_large: { zh: '文件超过本热线允许的大小', en: 'The file is larger than this hotline takes' },
  payload_too_large: { zh: '文件超过本热线允许的大小', en: 'The file is larger than this hotline takes' },
  unsupported_attachment_type: { zh: '文件类型不被接受，或文件内容与其类型不符', en: 'This type of file is not taken, or its content is not what its type says' },
  too_many_attachments: { zh: '附件数量已达上限', en: 'No more attachments can be added' },
  attachment_infected: { zh: '病毒扫描未通过，文件未保存', en: 'The virus scan found malware; the file was not stored' },
  // Retention (ADR 0033): the file was erased with the request's personal data.
  attachment_erased: { zh: '该附件已按保存期限删除', en: "This attachment was erased at the end of its request's retention period" },
  // Requester contact (ADR 0030).
  reveal_limit_reached: { zh: '今日查看号码次数已用完，可通过平台外呼联系诉求人', en: "Today's phone reveals are used up; call the requester through the platform instead" },
  anonymous_requester: { zh: '匿名诉求，无联系方式', en: 'Anonymous request: nobody to call' },
  // Request termination (诉求终结) and data sharing (数据共享): the proposer never decides their own proposal.
  two_person_rule: { zh: '双人审批：须由提议人以外的人员审批', en: 'Two-person rule: someone other than the proposer decides' },
  agreement_decided: { zh: '该共享协议已审批或撤销，请刷新后查看', en: 'This agreement has been decided or revoked already; refresh to see it' },
  // Online queue (ADR 0034) and callbacks (docs/calls.md).
  already_decided: { zh: '该网上诉求已由其他话务员受理判定', en: 'Another agent has already decided this online submission' },
  callback_claimed: { zh: '其他话务员正在回拨该来电人', en: 'Another agent is calling this caller back' },
  callback_closed: { zh: '该回拨事项已结束', en: 'This callback is closed already' },
  callback_not_claimed: { zh: '请先领取该回拨事项', en: 'Claim the callback first' },
  // Returns (退单), dispute review and escalation (dispatch, docs/lifecycle.md).
  already_returned: { zh: '本次派单已退过单，不能再退', en: 'This dispatch was returned once already' },
  return_window_closed: { zh: '已超过退单时限，请按时限办理', en: 'The return window has closed: the unit handles the order' },
  designated: { zh: '热线已指定本单位办理，不能退单', en: 'The hotline designated this unit: it cannot return the order' },
  first_responsible: { zh: '本单位为首接负责单位：权属不清或职能交叉的事项须牵头协调，可请热线增派协办单位', en: 'Your unit is first-responsible: it leads unclear or shared duties; ask the hotline for assisting units' },
  return_already_decided: { zh: '该退单已由其他人员审核，请刷新后查看', en: 'Someone has decided this return already; refresh to see it' },
  waiting_for_dispatch: { zh: '该诉求在人工派单队列等待派单，请在队列中派单', en: 'This request waits in the manual queue: dispatch it from there' },
  no_coordinating_unit: { zh: '主办单位之上没有可统筹的区县政府或市级单位', en: 'No district government or city office stands above the primary unit' },
  unit_inactive: { zh: '所选单位已停用，不再接收新的工单，请选择其他单位', en: 'A chosen unit is deactivated and takes no new work: choose another' },
  // Knowledge base (知识库): four eyes on every version, one version in review at a time.
  own_version: { zh: '不能审核自己撰写的版本，须由其他审核人审核', en: 'You wrote this version: another reviewer decides it' },
  not_in_review: { zh: '该版本已审核，请刷新后查看', en: 'This version has been decided already; refresh to see it' },
  title_taken: { zh: '已有另一篇已发布的文章使用此标题', en: 'Another published article has this title' },
  version_in_review: { zh: '该文章已有待审核的版本，请先审核', en: 'A version of this article is in review: review it first' },
};

/** The message to show for an error, in the user's language, naming the fields a 4xx names. */
export function problemMessage(error: unknown, lang: Lang, fieldLabel: (field: string) => string = (f) => f): string {
  if (!(error instanceof Problem)) return lang === 'zh' ? '操作失败' : 'Something went wrong';
  const { code, status, errors, detail } = error.body;
  const known = MESSAGES[code] ?? (status >= 500 ? MESSAGES['unavailable'] : undefined);
  const base = known ? known[lang] : (detail ?? error.body.title);
  const fields = (errors ?? []).map((e) => fieldLabel(e.field));
  if (fields.length) return `${base}${lang === 'zh' ? '：' : ': '}${fields.join(lang === 'zh' ? '、' : ', ')}`;
  return known && detail && lang === 'en' ? `${base} (${detail})` : base;
}
