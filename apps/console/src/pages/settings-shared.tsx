// Pieces the tenant-admin settings pages share: the page title, the "read only" note for roles
// that may look but not change, a problem alert that names what a plain 409 conflict means on
// this page (the services answer a taken code with the generic `conflict`), a file download, and
// the "hotline's own or the default" settings card: its source tag and its form over one GET and
// one PUT (read, edited without a refresh overwriting the typing, saved whole, reverted).
import { type ReactNode, useEffect, useState } from 'react';
import { Alert, App, Form, type FormInstance, Tag, Typography } from 'antd';
import { Problem } from '../api/problem';
import { useT } from '../i18n';
import { type Polled, usePolled } from '../polling';
import { formatTime, ProblemAlert } from './shared';

export function PageTitle({ children, level = 2 }: { children: ReactNode; level?: 2 | 3 }) {
  return <Typography.Title level={level} style={{ fontSize: level === 2 ? 18 : 16, margin: 0 }}>{children}</Typography.Title>;
}

export function ReadOnlyNote({ what }: { what: [string, string] }) {
  const t = useT();
  return <Typography.Paragraph type="secondary">{t(`${what[0]}由热线管理员设置，此处仅供查看。`, `The tenant administrator sets ${what[1]}; shown here to read.`)}</Typography.Paragraph>;
}

/** ProblemAlert, except that the generic 409 `conflict` says what it means here ([zh, en]). */
export function SettingsProblem({ error, conflict, fields }: { error: unknown; conflict?: [string, string]; fields?: Record<string, [string, string]> }) {
  const t = useT();
  if (conflict && error instanceof Problem && error.body.status === 409 && error.body.code === 'conflict')
    return <Alert role="alert" type="error" showIcon title={t(...conflict)} style={{ marginBottom: 16 }} />;
  return <ProblemAlert error={error} fields={fields} />;
}

/** Ant Design's orange and gold tags fall short of 4.5:1 contrast; these meet it. */
export const WARNING_TAG = { color: '#873800', background: '#fff7e6', borderColor: '#ffd591' };
export const PENDING_TAG = { color: '#613400', background: '#fffbe6', borderColor: '#ffe58f' };

export function download(name: string, text: string, type: string): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([text], { type }));
  a.download = name;
  a.click();
  URL.revokeObjectURL(a.href);
}

/** "a, b、c" → ['a', 'b', 'c']: lists typed into one plain field (a tags picker's list has no accessible name). */
export const splitList = (text: string | undefined) => (text ?? '').split(/[\s,，、;；]+/).map((s) => s.trim()).filter(Boolean);

/**
 * Whether a setting is the hotline's own (blue) or the default it falls back to, and when and by
 * whom it was last set. Each page names its own and its default ([zh, en]) as it calls them.
 */
export function SourceTag({ own, testId, ownLabel = ['本热线设置', "This hotline's own"], defaultLabel = ['平台默认', 'Platform default'], updatedAt, updatedBy }: {
  own: boolean;
  testId?: string;
  ownLabel?: [string, string];
  defaultLabel?: [string, string];
  updatedAt?: string | null;
  updatedBy?: string | null;
}) {
  const t = useT();
  return (
    <span data-testid={testId}>
      {own ? <Tag color="blue">{t(...ownLabel)}</Tag> : <Tag>{t(...defaultLabel)}</Tag>}
      {updatedAt ? (
        <Typography.Text type="secondary">
          {t('更新于', 'Updated')} {formatTime(updatedAt, t.lang)}
          {updatedBy ? ` · ${updatedBy}` : ''}
        </Typography.Text>
      ) : null}
    </span>
  );
}

export interface SettingsForm<S, V> {
  form: FormInstance<V>;
  settings: Polled<S>;
  /** The save's problem, else the read's. */
  problem: unknown;
  busy: boolean;
  save: (values: V) => Promise<void>;
  /** Back to what the service holds. */
  revert: () => void;
}

/**
 * One tenant setting edited in a form: read every `refreshMs` (settings change rarely and are
 * edited here) without overwriting what the admin is typing; saved whole, then the form shows
 * what was saved (the PUT's answer when it gives one, else the next read) and says so.
 */
export function useSettingsForm<S, V>({ read, write, toForm, savedMessage, refreshMs = 60_000, onSaved }: {
  read: () => Promise<S>;
  /** The PUT; its answer (the setting as saved) when the service gives one. */
  write: (values: V) => Promise<S | undefined>;
  toForm: (setting: S) => V;
  /** What the user is told once saved ([zh, en]); `saved` is the PUT's answer. */
  savedMessage: (saved: S | undefined) => [string, string];
  refreshMs?: number;
  onSaved?: () => void;
}): SettingsForm<S, V> {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<V>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const settings = usePolled(read, [], refreshMs);
  const current = settings.data;
  useEffect(() => {
    // A refresh never overwrites what the admin is typing.
    if (current && !form.isFieldsTouched()) form.setFieldsValue(toForm(current) as Parameters<FormInstance<V>['setFieldsValue']>[0]);
  }, [current, form]);
  const save = async (values: V) => {
    setBusy(true);
    setError(undefined);
    try {
      const saved = await write(values);
      form.resetFields();
      if (saved) form.setFieldsValue(toForm(saved) as Parameters<FormInstance<V>['setFieldsValue']>[0]);
      void message.success(t(...savedMessage(saved)));
      settings.reload();
      onSaved?.();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const revert = () => {
    form.resetFields();
    if (current) form.setFieldsValue(toForm(current) as Parameters<FormInstance<V>['setFieldsValue']>[0]);
  };
  return { form, settings, problem: error ?? settings.error, busy, save, revert };
}
