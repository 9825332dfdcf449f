import AxeBuilder from '@axe-core/playwright';
import { Browser, expect, Page, request } from '@playwright/test';

/**
 * Runs axe (WCAG 2.x A and AA) on the current page and expects no violation; and, since we
 * serve only the DSFR components the app uses, that each `fr-` class on it has a rule.
 */
export async function expectAccessible(page: Page) {
  await expectStyled(page);
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const summary = results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
  expect(summary, `axe violations on ${page.url()}`).toEqual([]);
}

/**
 * axe needs JavaScript: checks the page a JavaScript-less `page` shows (a form's answer, say)
 * by serving its very HTML at its address to a browser with JavaScript.
 */
export async function expectServedAccessible(browser: Browser, page: Page) {
  const [url, html] = [page.url(), await page.content()];
  // A context made in a test takes the test's options: JavaScript is asked for.
  const context = await browser.newContext({ javaScriptEnabled: true });
  const checked = await context.newPage();
  await checked.route(url, (route) =>
    route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }),
  );
  await checked.goto(url);
  await expectAccessible(checked);
  await context.close();
}

/** Resolves once the WASM bundle has hydrated the page. */
export async function waitForHydration(page: Page) {
  await page.waitForFunction(() => (window as any).__talentsHydrated === true, null, {
    timeout: 30_000,
  });
}

/**
 * Resolves once a signed-in space's page has come with the spaces bundle and hydrated: from
 * a page of the public bundle, the browser loads it from the server (app/src/spaces.rs).
 */
export async function waitForSpace(page: Page) {
  await expect(page.locator('script[data-bundle="frontend_spaces"]')).toHaveCount(1);
  await waitForHydration(page);
}

/**
 * The link in the last e-mail to `email` that carries one, read in the outbox as the admin
 * scripts/e2e.sh signed in for this (the server shows links whole there): how the tests'
 * people open what they are mailed.
 */
export async function mailedLink(email: string): Promise<string> {
  const cookie = process.env.E2E_MAIL_READER_COOKIE;
  expect(cookie, 'scripts/e2e.sh signs in the admin reading the e-mails').toBeTruthy();
  const reader = await request.newContext({
    baseURL: process.env.E2E_BASE_URL,
    extraHTTPHeaders: { cookie: cookie! },
  });
  const outbox: { recipient: string; body: string }[] = await (await reader.get('/api/v1/admin/outbox')).json();
  await reader.dispose();
  const mail = outbox.find((m) => m.recipient === email && m.body.includes('jeton='));
  expect(mail, `an e-mail with a link to ${email}`).toBeTruthy();
  return mail!.body.match(/https?:\/\/\S+jeton=\S+/)![0];
}

/**
 * Signs up through the form (with JavaScript): the page says a link is on its way; opening
 * it confirms the address and signs in, then « Continuer » lands on `lands`.
 */
export async function signUp(page: Page, email: string, password: string, lands: RegExp) {
  await page.goto('/inscription');
  await waitForHydration(page);
  await page.getByLabel('Adresse électronique').fill(email);
  await page.getByLabel('Mot de passe').fill(password);
  await page.getByRole('button', { name: 'Créer mon compte' }).click();
  const sent = page.getByRole('status').filter({ hasText: 'Vérifiez votre messagerie' });
  await expect(sent).toBeFocused();
  await expectAccessible(page);
  // The page asks who is signed in as it hydrates, and confirms the address at the same time:
  // the first answer, slowed here, comes last; it must not undo the sign-in (it once did, and
  // « Continuer » led to « Connexion requise »).
  const slowed = '**/api/v1/auth/session';
  await page.route(slowed, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 500));
    await route.continue();
  });
  const answered = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/session'));
  await page.goto(await mailedLink(email));
  await waitForHydration(page);
  await expect(page.getByRole('status').filter({ hasText: 'vous êtes connecté(e)' })).toBeVisible();
  await answered;
  await page.unroute(slowed);
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Continuer' }).click();
  await expect(page).toHaveURL(lands);
  await expect(page.getByRole('heading', { name: 'Connexion requise' })).toHaveCount(0);
}

/** Classes of DSFR's documented markup that no DSFR rule selects (checked in 1.15.3). */
const MARKUP_ONLY = ['fr-footer__content-item'];

/**
 * Expects every DSFR class (`fr-…`) on the current page to appear in a selector of the served
 * style sheets: a component left out of `scripts/dsfr-subset.mjs` fails here, not in
 * production. Modifiers count: `fr-btn--secondary` must have a rule of its own.
 */
export async function expectStyled(page: Page) {
  const unstyled = await page.evaluate((MARKUP_ONLY) => {
    const selectors: string[] = [];
    const collect = (rules: CSSRuleList) => {
      for (const rule of Array.from(rules)) {
        if (rule instanceof CSSStyleRule) selectors.push(rule.selectorText);
        else if ('cssRules' in rule) collect((rule as CSSGroupingRule).cssRules);
      }
    };
    const problems: string[] = [];
    for (const sheet of Array.from(document.styleSheets)) {
      // Chromium refuses to read a sheet that failed to load.
      try {
        collect(sheet.cssRules);
      } catch {
        problems.push(`style sheet not loaded: ${sheet.href}`);
      }
    }
    const all = selectors.join(' ');
    const classes = new Set<string>();
    document.querySelectorAll('[class*="fr-"]').forEach((el) =>
      el.classList.forEach((c) => c.startsWith('fr-') && classes.add(c)),
    );
    const unmatched = [...classes].filter(
      (c) => !MARKUP_ONLY.includes(c) && !new RegExp(`\\.${c}(?![\\w-])`).test(all),
    );
    return [...problems, ...unmatched.sort()];
  }, MARKUP_ONLY);
  expect(unstyled, `DSFR classes without a rule on ${page.url()}`).toEqual([]);
}

/** A tab of a space's navigation as a desktop shows it (the row of buttons, not the phone's list). */
export function spaceTab(page: Page, space: string, name: string) {
  return page.getByRole('navigation', { name: space }).locator('.talents-space-nav__wide')
    .getByRole('link', { name, exact: true });
}
