// The set-up every console browser suite shares, so that a suite reads as its scenarios: the
// console built as `npm start` builds it (when its sources changed), a whole platform of its own
// started by the README's start command (own databases, ports and stream namespace, so the suites
// run beside each other), Debian's Chromium with one page at an agent's desktop, and the teardown.
// consoleSuite() registers the hooks in the calling describe; what it returns works inside the
// tests and hooks. The page-level pieces (sign-in, selects by keyboard, screenshots with their
// accessibility check) are browser.ts's; here they are bound to the suite's page and tenant.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { eventually } from '@hotline/testing';
import { LocalPlatform, ROOT } from '../support/platform';
import { captureClean, chooseFirstOption, chooseOption, DESKTOP, launchChromium, openRoute, signIn } from './browser';

const run = promisify(execFile);

/** The demo tenant the start command seeds (南京, with its units, catalog and demo users). */
export const DEMO_TENANT = 'city-3201';

export interface ConsoleSuiteOptions {
  /** The tenant of token() and signIn() when they name none; the demo tenant by default. */
  tenant?: string;
  /** Over DESKTOP (1440 × 900, zh-CN): e.g. the hotline's time zone, downloads. */
  context?: BrowserContextOptions;
  /** Runs once everything is up (bind the suite's locals, wait for what the suite needs first). */
  ready?: (suite: ConsoleSuite) => unknown;
  /** The set-up's whole time: the platform shares two cores with the other suites. */
  timeout?: number;
}

export interface ConsoleSuite {
  readonly platform: LocalPlatform;
  readonly browser: Browser;
  readonly context: BrowserContext;
  readonly page: Page;
  /** The console's origin, which also serves every service's API under /api/<service>. */
  readonly consoleUrl: string;
  /** A demo token: tokens[tenant][role or 'unit-operator:<code>']. */
  token(key: string, tenant?: string): string;
  /** Signs in on the demo page as the user labelled `roleLabel` ('话务员', '承办单位操作员 · housing'): a new document. */
  signIn(roleLabel: string, tenant?: string): Promise<void>;
  /** Opens a page by its hash in the same document (the session stays). */
  open(route: string): Promise<unknown>;
  /** Picks a select's option by keyboard, and waits for the list to close. */
  choose(selector: string, label: string): Promise<void>;
  /** Picks the first option a select offers for what is typed. */
  chooseFirst(selector: string, text: string): Promise<void>;
  /** A screenshot into docs/console/<name>.png with every dropdown closed; no serious or critical accessibility finding. */
  screenshotClean(name: string): Promise<void>;
  /**
   * A request registered at the agent's desk through the API (a phone complaint of normal urgency,
   * in scope, unless `body` says otherwise): its 201's body.
   */
  registerRequest(body: Record<string, unknown>): Promise<RegisteredRequest>;
  /** The id of the request numbered `number` (a recent one), as the agent's list gives it. */
  requestIdOf(number: string): Promise<string>;
  /** The id of `unitCode`'s work order of a request, once handling has it. */
  orderOf(requestId: string, unitCode: string): Promise<string>;
  /**
   * Through the APIs: the unit's operator signs for the order and answers it, the reviewer passes
   * the answer in 复核, and the request then waits for its revisit.
   */
  answerAndPass(order: { requestId: string; orderId: string; unitCode: string }, answer: { answer: string; basis: string; contactRecord: string }): Promise<void>;
}

export interface RegisteredRequest {
  id: string;
  number: string;
  /** 提取码: with the number, the requester's progress lookup. */
  accessCode: string;
}

interface Running {
  platform: LocalPlatform;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  consoleUrl: string;
}

export function consoleSuite(options: ConsoleSuiteOptions = {}): ConsoleSuite {
  const tenant = options.tenant ?? DEMO_TENANT;
  let platform: LocalPlatform | undefined;
  let browser: Browser | undefined;
  let running: Running | undefined;
  const up = (): Running => {
    if (!running) throw new Error('the console suite is not up: use it inside its tests and hooks');
    return running;
  };
  const suite: ConsoleSuite = {
    get platform() {
      return up().platform;
    },
    get browser() {
      return up().browser;
    },
    get context() {
      return up().context;
    },
    get page() {
      return up().page;
    },
    get consoleUrl() {
      return up().consoleUrl;
    },
    token: (key, of = tenant) => {
      const found = up().platform.tokens()[of]?.[key];
      if (!found) throw new Error(`no demo token ${of}/${key}`);
      return found;
    },
    signIn: (roleLabel, of = tenant) => signIn(up().page, up().consoleUrl, of, roleLabel),
    open: (route) => openRoute(up().page, route),
    choose: (selector, label) => chooseOption(up().page, selector, label),
    chooseFirst: (selector, text) => chooseFirstOption(up().page, selector, text),
    screenshotClean: async (name) => {
      expect(await captureClean(up().page, name)).toEqual([]);
    },
    registerRequest: async (body) => {
      const res = await up().platform.api('intake', 'POST', '/v1/requests', suite.token('agent'), {
        channel: 'phone', requestType: 'complaint', urgency: 'normal', scope: { decision: 'in-scope' }, ...body,
      });
      expect(res.status).toBe(201);
      return res.body as RegisteredRequest;
    },
    requestIdOf: async (number) => {
      const listed = await up().platform.api('intake', 'GET', '/v1/requests?limit=200', suite.token('agent'));
      const found = (listed.body.items as Array<{ id: string; number: string }>).find((r) => r.number === number);
      if (!found) throw new Error(`request ${number} is not among the agent's newest`);
      return found.id;
    },
    orderOf: (requestId, unitCode) =>
      eventually(`the ${unitCode} order`, async () => {
        const orders = await up().platform.api('handling', 'GET', `/v1/work-orders?requestId=${requestId}`, suite.token('supervisor'));
        return (orders.body.items as Array<{ id: string; unitCode: string }>).find((o) => o.unitCode === unitCode)?.id;
      }, 30_000),
    answerAndPass: async ({ requestId, orderId, unitCode }, answer) => {
      const { platform: p } = up();
      const operator = suite.token(`unit-operator:${unitCode}`);
      expect((await p.api('handling', 'POST', `/v1/work-orders/${orderId}/sign`, operator)).status).toBe(200);
      expect((await p.api('handling', 'POST', `/v1/work-orders/${orderId}/answer`, operator, answer)).status).toBe(200);
      const review = await eventually('the review', async () => {
        const res = await p.api('revisit', 'GET', '/v1/reviews?status=pending&limit=200', suite.token('reviewer'));
        return (res.body.items as Array<{ id: string; workOrderId: string }>).find((r) => r.workOrderId === orderId);
      });
      expect((await p.api('revisit', 'POST', `/v1/reviews/${review.id}/decision`, suite.token('reviewer'), { passed: true })).status).toBe(200);
      await eventually('awaiting its revisit', async () => {
        const res = await p.api('revisit', 'GET', '/v1/revisits/pending?limit=200', suite.token('reviewer'));
        return (res.body.items as Array<{ requestId: string }>).some((r) => r.requestId === requestId) || undefined;
      });
    },
  };

  beforeAll(async () => {
    await run(process.execPath, ['apps/console/scripts/build.mjs', '--if-stale'], { cwd: ROOT });
    // Started like LocalPlatform.start(), with the whole of this hook's time to become ready.
    platform = LocalPlatform.launch();
    await platform.waitForOutput(/\[start\] platform ready/);
    const consoleUrl = platform.output.match(/ console {4}(http:\/\/\S+)/)?.[1];
    if (!consoleUrl) throw new Error(`the start command printed no console URL:\n${platform.output}`);
    browser = await launchChromium();
    const context = await browser.newContext({ ...DESKTOP, ...options.context });
    const page = await context.newPage();
    running = { platform, browser, context, page, consoleUrl };
    await options.ready?.(suite);
  }, options.timeout ?? 420_000);

  afterAll(async () => {
    await browser?.close();
    // Whatever was created, ready or not: databases, roles, streams, state.
    await platform?.destroy();
  }, 60_000);

  return suite;
}
