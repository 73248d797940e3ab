// Sign-in. Local mode (the start command): pick a demo user by tenant and role; the token is
// handed over by the local server and kept in memory. Production: OpenID Connect with PKCE.
import { type ReactNode, useEffect, useState } from 'react';
import { Alert, Button, Card, Flex, Form, Select, Typography } from 'antd';
import { ROLE_LABELS } from '@hotline/vocabulary';
import { useT } from '../i18n';
import { beginOidcSignIn, completeOidcSignIn } from '../session/oidc';
import { type AuthConfig, type DemoUser, demoUsers, loadAuthConfig, type Session, sessionOf, signInAsDemo } from '../session/session';

export function SignIn({ onSignedIn, langSwitch }: { onSignedIn: (s: Session) => void; langSwitch: ReactNode }) {
  const t = useT();
  const [config, setConfig] = useState<AuthConfig>();
  const [users, setUsers] = useState<DemoUser[]>([]);
  const [tenant, setTenant] = useState<string>();
  const [key, setKey] = useState<string>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    void loadAuthConfig().then(async (c) => {
      setConfig(c);
      if (c.mode === 'local') {
        const list = await demoUsers();
        setUsers(list);
        setTenant(list.find((u) => u.tenant.startsWith('city-'))?.tenant ?? list[0]?.tenant);
      } else {
        const token = await completeOidcSignIn(c.issuer, c.clientId).catch((e: Error) => setError(e.message));
        if (token) onSignedIn(sessionOf(token));
      }
    });
  }, [onSignedIn]);

  const tenants = [...new Set(users.map((u) => u.tenant))];
  const ofTenant = users.filter((u) => u.tenant === tenant);
  // The lists are short: every option rendered (no virtual list) for a screen reader, and typed
  // to (showSearch): a few characters and Enter pick a tenant or a role without the mouse.
  const userLabel = (u: DemoUser) => `${t.label(ROLE_LABELS[u.role], u.role)}${u.unit ? ` · ${u.unit}` : ''}`;

  return (
    <Flex justify="center" align="center" style={{ minHeight: '100vh', background: '#f0f5ff' }}>
      <main>
        <Card style={{ width: 420 }} title={<Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>{t('12345 热线工作台登录', 'Sign in to the 12345 console')}</Typography.Title>} extra={langSwitch}>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
          {config?.mode === 'oidc' && (
            <Button type="primary" block onClick={() => void beginOidcSignIn(config.issuer, config.clientId, config.scope)}>
              {t('使用统一身份认证登录', 'Sign in with the province identity provider')}
            </Button>
          )}
          {config?.mode === 'local' && (
            <Form
              layout="vertical"
              onFinish={() => {
                const user = ofTenant.find((u) => u.key === key);
                if (user) signInAsDemo(user).then(onSignedIn, (e: Error) => setError(e.message));
              }}
            >
              <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('本地演示模式：选择租户和角色', 'Local demo mode: pick a tenant and a role')} />
              <Form.Item label={t('租户', 'Tenant')} htmlFor="signin-tenant">
                <Select id="signin-tenant" virtual={false} showSearch optionFilterProp="label" value={tenant} onChange={(v) => { setTenant(v); setKey(undefined); }} options={tenants.map((code) => ({ value: code, label: code }))} />
              </Form.Item>
              <Form.Item label={t('角色', 'Role')} htmlFor="signin-role">
                <Select id="signin-role" virtual={false} showSearch optionFilterProp="label" value={key} onChange={setKey} placeholder={t('请选择角色', 'Choose a role')} options={ofTenant.map((u) => ({ value: u.key, label: userLabel(u) }))} />
              </Form.Item>
              <Button type="primary" htmlType="submit" block disabled={!key}>
                {t('登录', 'Sign in')}
              </Button>
            </Form>
          )}
          <Typography.Paragraph style={{ marginTop: 16, marginBottom: 0 }}>
            <a href="#/public/city-3201">{t('市民提交与查询诉求', 'Submit or track a request (public)')}</a>
          </Typography.Paragraph>
        </Card>
      </main>
    </Flex>
  );
}
