// The fields of an agent's scope decision (受理判定), one set for the agent desk (a phone contact)
// and the online queue (a citizen's submission): the classification (type, urgency, the category
// level by level, the area) and the decision with the answer or the reason it needs. Each page
// keeps its own form, layout and submission; what a decision takes is said once, here, as
// intake's scope rules say it (libs/intake-domain/src/scope.ts).
import type { Dispatch, ReactNode, SetStateAction } from 'react';
import { Cascader, Col, Form, Input, Row, Select } from 'antd';
import {
  OUT_OF_SCOPE_DECISIONS,
  REQUEST_TYPE_LABELS,
  REQUEST_TYPES,
  SCOPE_DECISION_LABELS,
  SCOPE_DECISIONS,
  type ScopeDecision,
  URGENCIES,
  URGENCY_LABELS,
} from '@hotline/vocabulary';
import { useT } from '../i18n';
import { categoriesUnder, type CategoryOption } from './categoryOptions';

/** As intake takes them (requests.schemas.ts): a direct answer up to 4,000 characters, a reason up to 1,000. */
export const MAX_ANSWER_CHARS = 4000;
export const MAX_REASON_CHARS = 1000;

/** 直接办理 takes an answer; the out-of-scope outcomes a reason, except a terminated matter (its termination's legal route answers). */
export const takesAnswer = (decision: ScopeDecision | undefined) => decision === 'direct-answer';
export const takesReason = (decision: ScopeDecision | undefined) => decision !== undefined && decision !== 'terminated-matter' && OUT_OF_SCOPE_DECISIONS.includes(decision);

export interface ScopeValues {
  decision: ScopeDecision;
  answer?: string;
  reason?: string;
}

/**
 * The `scope` of the request body: the answer or the reason only with the decision that takes it
 * (a field typed before the decision changed stays in the form, and intake refuses what a
 * decision does not take), the terminated request only with a terminated matter.
 */
export function scopeBody(v: ScopeValues, terminatedRequestId?: string) {
  return {
    decision: v.decision,
    ...(takesAnswer(v.decision) ? { answer: v.answer } : {}),
    ...(takesReason(v.decision) ? { reason: v.reason } : {}),
    ...(v.decision === 'terminated-matter' && terminatedRequestId ? { terminatedRequestId } : {}),
  };
}

/**
 * 诉求类型, 紧急程度, 诉求分类 and 区域, each in a column of `span` (6: one row, 12: two); the ids
 * are `<idPrefix>-type`, `-urgency`, `-category` and `-area`. The cascader loads a level when it
 * is opened, into `categories`.
 */
export function ClassificationFields({ idPrefix, categories, setCategories, areas, span, gutter = 16 }: {
  idPrefix: string;
  categories: CategoryOption[];
  setCategories: Dispatch<SetStateAction<CategoryOption[]>>;
  areas: readonly string[];
  span: number;
  gutter?: number;
}) {
  const t = useT();
  return (
    <Row gutter={gutter}>
      <Col span={span}>
        <Form.Item name="requestType" label={t('诉求类型', 'Type')} htmlFor={`${idPrefix}-type`}>
          <Select id={`${idPrefix}-type`} showSearch optionFilterProp="label" options={REQUEST_TYPES.map((v) => ({ value: v, label: t.label(REQUEST_TYPE_LABELS[v], v) }))} />
        </Form.Item>
      </Col>
      <Col span={span}>
        <Form.Item name="urgency" label={t('紧急程度', 'Urgency')} htmlFor={`${idPrefix}-urgency`}>
          <Select id={`${idPrefix}-urgency`} options={URGENCIES.map((v) => ({ value: v, label: t.label(URGENCY_LABELS[v], v) }))} />
        </Form.Item>
      </Col>
      <Col span={span}>
        <Form.Item name="category" label={t('诉求分类', 'Category')} htmlFor={`${idPrefix}-category`} rules={[{ required: true, message: t('请选择分类', 'Choose a category') }]}>
          <Cascader<CategoryOption>
            id={`${idPrefix}-category`}
            showSearch
            options={categories}
            loadData={(selected) => {
              const target = selected.at(-1);
              if (!target) return;
              void categoriesUnder(target.value).then((children) => {
                target.children = children;
                setCategories((c) => [...c]);
              });
            }}
          />
        </Form.Item>
      </Col>
      <Col span={span}>
        <Form.Item name="areaCode" label={t('区域', 'Area')} htmlFor={`${idPrefix}-area`} rules={[{ required: true, message: t('请选择区域', 'Choose an area') }]}>
          <Select id={`${idPrefix}-area`} showSearch options={areas.map((a) => ({ value: a, label: a }))} />
        </Form.Item>
      </Col>
    </Row>
  );
}

/**
 * 受理判定 with 直接答复 or 不受理理由 as the decision takes them (ids `<idPrefix>-scope-decision`,
 * `-answer`, `-reason`). `children` (what the page adds to a decision) stand before the answer;
 * `inline` puts the decision in a narrow column beside them, otherwise they stack.
 */
export function ScopeDecisionFields({ idPrefix, decision, decisions = SCOPE_DECISIONS, rows = 3, inline = false, children }: {
  idPrefix: string;
  /** The form's current decision (Form.useWatch). */
  decision: ScopeDecision | undefined;
  decisions?: readonly ScopeDecision[];
  rows?: number;
  inline?: boolean;
  children?: ReactNode;
}) {
  const t = useT();
  const select = (
    <Form.Item name="decision" label={t('受理判定', 'Scope decision')} htmlFor={`${idPrefix}-scope-decision`}>
      <Select id={`${idPrefix}-scope-decision`} options={decisions.map((v) => ({ value: v, label: t.label(SCOPE_DECISION_LABELS[v], v) }))} />
    </Form.Item>
  );
  const details = (
    <>
      {children}
      {takesAnswer(decision) && (
        <Form.Item name="answer" label={t('直接答复', 'Direct answer')} htmlFor={`${idPrefix}-answer`} rules={[{ required: true, whitespace: true, message: t('请填写答复', 'Enter the answer') }]}>
          <Input.TextArea id={`${idPrefix}-answer`} rows={rows} maxLength={MAX_ANSWER_CHARS} />
        </Form.Item>
      )}
      {takesReason(decision) && (
        <Form.Item name="reason" label={t('不受理理由', 'Reason')} htmlFor={`${idPrefix}-reason`} rules={[{ required: true, whitespace: true, message: t('请填写理由', 'Enter the reason') }]}>
          <Input.TextArea id={`${idPrefix}-reason`} rows={rows} maxLength={MAX_REASON_CHARS} />
        </Form.Item>
      )}
    </>
  );
  if (!inline)
    return (
      <>
        {select}
        {details}
      </>
    );
  return (
    <Row gutter={16}>
      <Col span={8}>{select}</Col>
      <Col span={16}>{details}</Col>
    </Row>
  );
}
