// Browser support for the console suites: Debian's Chromium driven by playwright-core (no
// browser download), sign-in through the local demo page, screenshots into docs/console/ and an
// axe-core accessibility check of each page, and the keyboard's way through the pages' selects.
// harness.ts builds a suite's platform, browser and page from these.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import axe from 'axe-core';
import { type Browser, type BrowserContextOptions, chromium, type Page } from 'playwright-core';
import { ROOT } from '../support/platform';

export const SCREENSHOTS = join(ROOT, 'docs/console');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Signs in on the local demo page as the demo user of `tenant` whose label is `roleLabel` ('话务员', '承办单位操作员 · housing'). */
export async function signIn(page: Page, consoleUrl: string, tenant: string, roleLabel: string): Promise<void> {
  // A new document: the previous session (held in memory only) is gone.
  await page.goto(`${consoleUrl}/?fresh=${Date.now()}#/`);
  // By keyboard, as an agent would: type the tenant, Enter; type the role, Enter. (Clicking an
  // option that the list first had to scroll to sometimes selected nothing.)
  await page.locator('#signin-tenant').click();
  await page.keyboard.type(tenant);
  await page.locator(`.ant-select-item-option-active[title="${tenant}"]`).waitFor();
  await page.keyboard.press('Enter');
  await page.locator('#signin-role').click();
  await page.keyboard.type(roleLabel);
  await page.locator(`.ant-select-item-option-active[title="${roleLabel}"]`).waitFor();
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByTestId('who').waitFor();
}

export interface AxeFinding {
  id: string;
  impact: string | null | undefined;
  help: string;
  nodes: string[];
}

/** The serious and critical axe-core violations of the page as it is now. */
export async function seriousViolations(page: Page): Promise<AxeFinding[]> {
  await page.evaluate(axe.source);
  // Runs in the page (a string: this project compiles without the DOM's types).
  const found = (await page.evaluate(`axe.run(document, { resultTypes: ['violations'] }).then((r) =>
    r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) })))`)) as AxeFinding[];
  return found.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** A screenshot of the page into docs/console/<name>.png, and its accessibility findings. */
export async function capture(page: Page, name: string): Promise<AxeFinding[]> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page.mouse.move(0, 0); // no hover state in the picture or in the contrast check
  // Colours judged as they end, not halfway through a transition (a menu item just selected
  // fades from the link colour to white over 0.3 s; on a busy machine axe could sample it).
  await page.addStyleTag({ content: '*, *::before, *::after { transition: none !important; animation: none !important; }' });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  return seriousViolations(page);
}

/** The desktop an agent works at, and a citizen's phone (the public pages). */
export const DESKTOP: BrowserContextOptions = { viewport: { width: 1440, height: 900 }, locale: 'zh-CN' };
export const PHONE: BrowserContextOptions = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN' };

/** An Ant Design select's open list (a closed one is hidden once its leaving animation is done). */
export const OPEN_DROPDOWN = '.ant-select-dropdown:not(.ant-select-dropdown-hidden)';

/** Opens a console page by its hash in the same document (the session, held in memory, stays); the menu may fold the page away. */
export function openRoute(page: Page, route: string): Promise<unknown> {
  return page.evaluate(`location.hash = '#/${route}'`);
}

/**
 * Picks an Ant Design select's option by keyboard: focus, type the label, Enter; then waits for
 * the list to close, so the next select (or a screenshot) does not meet it mid-animation. Only
 * the open list is looked in: a closed select keeps its (hidden) list in the page.
 */
export async function chooseOption(page: Page, selector: string, label: string): Promise<void> {
  await page.locator(selector).click();
  await page.keyboard.type(label);
  await page.locator(`${OPEN_DROPDOWN} .ant-select-item-option-active[title="${label}"]`).waitFor();
  await page.keyboard.press('Enter');
  await page.locator(OPEN_DROPDOWN).first().waitFor({ state: 'detached', timeout: 10_000 });
}

/** Picks the first option a select offers for what is typed (where the labels are long). */
export async function chooseFirstOption(page: Page, selector: string, text: string): Promise<void> {
  await page.locator(selector).click();
  await page.keyboard.type(text);
  await page.locator(`${OPEN_DROPDOWN} .ant-select-item-option-active`).waitFor();
  await page.keyboard.press('Enter');
}

/** capture(), once every dropdown is closed (the picture and the accessibility check see the page at rest). */
export async function captureClean(page: Page, name: string): Promise<AxeFinding[]> {
  await page.locator(OPEN_DROPDOWN).first().waitFor({ state: 'detached', timeout: 10_000 });
  return capture(page, name);
}
