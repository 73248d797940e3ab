// The console's shell: language (zh-CN first), sign-in, the menu of the signed-in roles and the
// page of the current hash route. The public page (#/public/<tenant>) needs no sign-in.
import { lazy, Suspense, useEffect, useState } from 'react';
import { App as AntApp, Button, ConfigProvider, Layout, Menu, Result, Segmented, Space, Typography } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { ROLE_LABELS } from '@hotline/vocabulary';
import { LangContext, type Lang, preferredLang, translator } from './i18n';
import { AgentDesk } from './pages/AgentDesk';
import { PublicPage } from './pages/PublicPage';
import { SignIn } from './pages/SignIn';
import { go, parseHash, ROUTE_GROUPS, type RouteDef, type RouteGroup, routesFor } from './routes';
import { endSession, type Session } from './session/session';

// Every page but the agent desk (the page agents open first and type in all day), the sign-in and
// the public page loads when first opened: the desk's first load carries only what it needs.
const Alerts = lazy(() => import('./pages/Alerts').then((m) => ({ default: m.Alerts })));
const Approvals = lazy(() => import('./pages/Approvals').then((m) => ({ default: m.Approvals })));
const Callbacks = lazy(() => import('./pages/Callbacks').then((m) => ({ default: m.Callbacks })));
const CatalogAdmin = lazy(() => import('./pages/CatalogAdmin').then((m) => ({ default: m.CatalogAdmin })));
const ChannelsAdmin = lazy(() => import('./pages/ChannelsAdmin').then((m) => ({ default: m.ChannelsAdmin })));
const Clusters = lazy(() => import('./pages/Clusters').then((m) => ({ default: m.Clusters })));
const DispatchQueue = lazy(() => import('./pages/DispatchQueue').then((m) => ({ default: m.DispatchQueue })));
const Escalations = lazy(() => import('./pages/Escalations').then((m) => ({ default: m.Escalations })));
const FollowUps = lazy(() => import('./pages/FollowUps').then((m) => ({ default: m.FollowUps })));
const IntakeSettings = lazy(() => import('./pages/IntakeSettings').then((m) => ({ default: m.IntakeSettings })));
const KnowledgeBase = lazy(() => import('./pages/KnowledgeBase').then((m) => ({ default: m.KnowledgeBase })));
const OnlineQueue = lazy(() => import('./pages/OnlineQueue').then((m) => ({ default: m.OnlineQueue })));
const RateSettings = lazy(() => import('./pages/RateSettings').then((m) => ({ default: m.RateSettings })));
const RedoPage = lazy(() => import('./pages/RedoPage').then((m) => ({ default: m.RedoPage })));
const Retention = lazy(() => import('./pages/Retention').then((m) => ({ default: m.Retention })));
const ReturnReview = lazy(() => import('./pages/ReturnReview').then((m) => ({ default: m.ReturnReview })));
const ReviewQueue = lazy(() => import('./pages/ReviewQueue').then((m) => ({ default: m.ReviewQueue })));
const RevisitQueue = lazy(() => import('./pages/RevisitQueue').then((m) => ({ default: m.RevisitQueue })));
const SamplingRules = lazy(() => import('./pages/SamplingRules').then((m) => ({ default: m.SamplingRules })));
const Sharing = lazy(() => import('./pages/Sharing').then((m) => ({ default: m.Sharing })));
const Supervision = lazy(() => import('./pages/Supervision').then((m) => ({ default: m.Supervision })));
const TaxonomyAdmin = lazy(() => import('./pages/TaxonomyAdmin').then((m) => ({ default: m.TaxonomyAdmin })));
const TenantRegistry = lazy(() => import('./pages/TenantRegistry').then((m) => ({ default: m.TenantRegistry })));
const Terminations = lazy(() => import('./pages/Terminations').then((m) => ({ default: m.Terminations })));
const TimeLimits = lazy(() => import('./pages/TimeLimits').then((m) => ({ default: m.TimeLimits })));
const TransferLists = lazy(() => import('./pages/TransferLists').then((m) => ({ default: m.TransferLists })));
const UnitPortal = lazy(() => import('./pages/UnitPortal').then((m) => ({ default: m.UnitPortal })));
const UnitsAdmin = lazy(() => import('./pages/UnitsAdmin').then((m) => ({ default: m.UnitsAdmin })));
const WorkCalendar = lazy(() => import('./pages/WorkCalendar').then((m) => ({ default: m.WorkCalendar })));
// The dashboard carries the charting library: it loads when first opened, not with the desk.
const Dashboard = lazy(() => import('./pages/Dashboard').then((m) => ({ default: m.Dashboard })));
const CallRates = lazy(() => import('./pages/CallRates').then((m) => ({ default: m.CallRates })));
const Reports = lazy(() => import('./pages/Reports').then((m) => ({ default: m.Reports })));
const ProvinceOverview = lazy(() => import('./pages/ProvinceOverview').then((m) => ({ default: m.ProvinceOverview })));

/**
 * Ant Design's default palette with the text, link and status colours darkened to WCAG AA
 * contrast (4.5:1) on white and on their own tag backgrounds.
 */
const THEME = {
  token: {
    colorPrimary: '#0958d9',
    colorInfo: '#0958d9',
    colorLink: '#0047ab',
    colorPrimaryHover: '#003eb3',
    colorSuccess: '#237804',
    colorWarning: '#ad4e00',
    colorError: '#cf1322',
    colorTextSecondary: 'rgba(0, 0, 0, 0.68)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    colorTextDescription: 'rgba(0, 0, 0, 0.62)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.6)',
  },
};

function useHash(): string[] {
  const [hash, setHash] = useState(() => parseHash(window.location.hash));
  useEffect(() => {
    const onChange = () => setHash(parseHash(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return hash;
}

function Page({ route, session }: { route: string[]; session: Session }) {
  const [name, id] = route;
  switch (name) {
    case 'desk':
      return <AgentDesk session={session} />;
    case 'dispatch':
      return <DispatchQueue />;
    case 'unit':
      return <UnitPortal session={session} orderId={id} />;
    case 'reviews':
      return <ReviewQueue />;
    case 'revisits':
      return <RevisitQueue />;
    case 'approvals':
      return <Approvals />;
    case 'terminations':
      return <Terminations />;
    case 'dashboard':
      return (
        <Suspense fallback={null}>
          <Dashboard />
        </Suspense>
      );
    case 'catalog':
      return <CatalogAdmin />;
    case 'tenants':
      return <TenantRegistry />;
    case 'follow-ups':
      return <FollowUps session={session} />;
    case 'sampling-rules':
      return <SamplingRules />;
    case 'rate-settings':
      return <RateSettings session={session} />;
    case 'retention':
      return <Retention session={session} />;
    case 'online-queue':
      return <OnlineQueue session={session} />;
    case 'callbacks':
      return <Callbacks session={session} />;
    case 'call-rates':
      return (
        <Suspense fallback={null}>
          <CallRates />
        </Suspense>
      );
    case 'intake-settings':
      return <IntakeSettings />;
    case 'returns':
      return <ReturnReview />;
    case 'escalations':
      return <Escalations />;
    case 'redo':
      return <RedoPage session={session} />;
    case 'alerts':
      return <Alerts session={session} />;
    case 'clusters':
      return <Clusters />;
    case 'supervision':
      return <Supervision session={session} requestId={id === 'request' ? route[2] : undefined} />;
    case 'reports':
      return <Suspense fallback={null}><Reports /></Suspense>;
    case 'sharing':
      return <Sharing session={session} />;
    case 'province-overview':
      return <Suspense fallback={null}><ProvinceOverview /></Suspense>;
    case 'taxonomy':
      return <TaxonomyAdmin canEdit={session.roles.includes('tenant-admin')} />;
    case 'units':
      return <UnitsAdmin canEdit={session.roles.includes('tenant-admin')} />;
    case 'time-limits':
      return <TimeLimits canEdit={session.roles.includes('tenant-admin')} />;
    case 'calendar':
      return <WorkCalendar canEdit={session.roles.includes('tenant-admin')} />;
    case 'channels':
      return <ChannelsAdmin canEdit={session.roles.includes('tenant-admin')} />;
    case 'transfer-lists':
      return <TransferLists canEdit={session.roles.includes('tenant-admin')} />;
    case 'knowledge':
      return <KnowledgeBase session={session} />;
    default:
      return null;
  }
}

/** The menu's sections that hold a page for the user, each with its pages. */
function menuItems(allowed: readonly RouteDef[], t: ReturnType<typeof translator>) {
  return (Object.keys(ROUTE_GROUPS) as RouteGroup[]).flatMap((group) => {
    const pages = allowed.filter((r) => r.group === group);
    if (pages.length === 0) return [];
    return [{ type: 'group' as const, key: `group-${group}`, label: t(ROUTE_GROUPS[group].zh, ROUTE_GROUPS[group].en), children: pages.map((r) => ({ key: r.path, label: <a href={`#/${r.path}`}>{t(r.zh, r.en)}</a> })) }];
  });
}

export function App() {
  const [lang, setLang] = useState<Lang>(preferredLang);
  const [session, setSession] = useState<Session>();
  const route = useHash();
  const t = translator(lang);
  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  }, [lang]);
  const allowed = session ? routesFor(session.roles) : [];
  useEffect(() => {
    if (session && route[0] !== 'public' && !allowed.some((r) => r.path === route[0]) && allowed[0]) go(allowed[0].path);
  }, [session, route, allowed]);

  const langSwitch = (
    <Segmented<Lang>
      aria-label={t('界面语言', 'Language')}
      size="small"
      value={lang}
      onChange={setLang}
      options={[
        { label: '中文', value: 'zh' },
        { label: 'English', value: 'en' },
      ]}
    />
  );
  let body;
  if (route[0] === 'public') body = <PublicPage tenant={route[1] ?? ''} langSwitch={langSwitch} />;
  else if (!session) body = <SignIn onSignedIn={setSession} langSwitch={langSwitch} />;
  else
    body = (
      <Layout style={{ minHeight: '100vh' }}>
        <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 16, background: '#003a8c' }}>
          <Typography.Title level={1} style={{ color: '#fff', margin: 0, fontSize: 18, whiteSpace: 'nowrap', flex: 1 }}>
            {t('12345 热线工作台', '12345 Hotline console')}
          </Typography.Title>
          <Space style={{ color: '#fff' }}>
            <span data-testid="who">
              {session.tenant} · {session.roles.map((r) => t.label(ROLE_LABELS[r], r)).join('、')}
              {session.unit ? ` · ${session.unit}` : ''}
            </span>
            {langSwitch}
            <Button
              size="small"
              onClick={() => {
                endSession();
                setSession(undefined);
              }}
            >
              {t('退出', 'Sign out')}
            </Button>
          </Space>
        </Layout.Header>
        <Layout hasSider>
          {/* Pages by section, in the order of a request's life: every item stays visible (no overflow menu to hide links in). */}
          <Layout.Sider width={176} theme="light" style={{ borderRight: '1px solid #f0f0f0' }}>
            <nav aria-label={t('功能菜单', 'Pages')}>
              <Menu
                mode="inline"
                selectedKeys={[route[0] ?? '']}
                items={menuItems(allowed, t)}
              />
            </nav>
          </Layout.Sider>
          <Layout.Content style={{ padding: 24 }}>
            <main>{allowed.some((r) => r.path === route[0]) ? <Suspense fallback={null}><Page route={route} session={session} /></Suspense> : <Result status="403" title={t('无权访问此页面', 'Not a page for your role')} />}</main>
          </Layout.Content>
        </Layout>
      </Layout>
    );
  return (
    <LangContext.Provider value={lang}>
      <ConfigProvider locale={lang === 'zh' ? zhCN : enUS} button={{ autoInsertSpace: false }} theme={THEME}>
        <AntApp>{body}</AntApp>
      </ConfigProvider>
    </LangContext.Provider>
  );
}
