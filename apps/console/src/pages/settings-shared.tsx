// Pieces the tenant-admin settings pages share: the page title, the "read only" note for roles
// that may look but not change, a problem alert that names what a plain 409 conflict means on
// this page (the services answer a taken code with the generic `conflict`), and a file download.
import type { ReactNode } from 'react';
import { Alert, Typography } from 'antd';
import { Problem } from '../api/problem';
import { useT } from '../i18n';
import { ProblemAlert } from './shared';

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
