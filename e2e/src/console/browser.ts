// Browser support for the console suites: Debian's Chromium driven by playwright-core (no
// browser download), sign-in through the local demo page, screenshots into docs/console/ and an
// axe-core accessibility check of each page.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import axe from 'axe-core';
import { type Browser, chromium, type Page } from 'playwright-core';
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
