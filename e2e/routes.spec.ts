import { Browser, BrowserContext, expect, Page, test } from '@playwright/test';
import { Accounts, openAccounts, PASSWORD } from './accounts';
import { expectAccessible } from './helpers';

/**
 * Every route, loaded directly — as a bookmark, a reload or a link from an e-mail does — by a
 * visitor and by each kind of account, on a desktop and a phone screen. A load fails on any
 * page error (a WASM panic is one), console error, failed request or answer of 400 and more
 * that the route does not expect, and when the page does not hydrate.
 *
 * Three loads per route and person (desktop, phone, desktop): crashes that depend on timing
 * (a chunk arriving before or after the data) happened on one load in two; three loads miss
 * such a crash one time in eight. The first two loads of a page by the person it is for also
 * run axe (no violation, WCAG 2.1 A and AA) on it.
 */

type Who = 'visiteur' | 'candidat' | 'recruteur' | 'admin';

interface Route {
  path: string;
  /** Who loads it besides the visitor, who loads every route. */
  also?: Who[];
  /** Answers of 400 and more this route expects (an unknown token's 404…). */
  expected?: RegExp;
}

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

let accounts: Accounts;

function routes(a: Accounts): Route[] {
  const signedIn: Who[] = ['candidat', 'recruteur', 'admin'];
  return [
    { path: '/', also: signedIn },
    { path: '/offres' },
    { path: '/offres?q=donn%C3%A9es&region=11' },
    { path: `/offres/${a.offerId}`, also: ['candidat'] },
    { path: `/offres/${a.offerId}/postuler`, also: ['candidat'] },
    { path: '/entites' },
    { path: '/entites/dinum' },
    { path: '/entites/dinum/candidature', also: ['candidat'] },
    { path: '/metiers' },
    { path: '/metiers/architecte-technique' },
    { path: '/vis-mon-job' },
    { path: '/vis-mon-job/printemps-2027', also: signedIn },
    { path: '/vis-mon-job/automne-2026' },
    { path: '/vis-mon-job/duo/jeton-inconnu', expected: /\/api\/v1\/vis-mon-job\/duos\/jeton-inconnu$/ },
    { path: '/forum', also: ['candidat'] },
    { path: '/forum/sessions/1', also: ['candidat'] },
    { path: '/forum/sessions/3', also: ['candidat'] },
    { path: '/accessibilite' },
    { path: '/mentions-legales' },
    { path: '/donnees-personnelles' },
    { path: '/connexion' },
    { path: '/inscription' },
    { path: '/inscription?envoye=1' },
    { path: '/compte/confirmer?jeton=inconnu', expected: /\/api\/v1\/auth\/verify-email$/ },
    { path: '/compte/mot-de-passe?jeton=inconnu' },
    { path: '/compte/mot-de-passe-oublie' },
    { path: '/compte', also: signedIn },
    { path: '/espace-candidat', also: ['candidat', 'recruteur'] },
    { path: '/espace-candidat/profil', also: ['candidat'] },
    { path: '/espace-candidat/alertes', also: ['candidat'] },
    { path: '/espace-candidat/vis-mon-job', also: ['candidat'] },
    { path: '/espace-candidat/vis-mon-job/automne-2026/duo', also: ['candidat'], expected: /\/signup\/duo$/ },
    { path: '/espace-candidat/forum', also: ['candidat'] },
    { path: '/espace-recruteur', also: ['recruteur', 'candidat', 'admin'] },
    { path: '/espace-recruteur/demande-acces' },
    { path: '/espace-recruteur/offres/nouvelle', also: ['recruteur'] },
    { path: `/espace-recruteur/offres/${a.offerId}`, also: ['recruteur'] },
    { path: '/espace-recruteur/vitrine', also: ['recruteur'] },
    { path: '/espace-recruteur/equipe', also: ['recruteur'] },
    { path: '/espace-recruteur/statistiques', also: ['recruteur'] },
    { path: '/espace-recruteur/candidatures', also: ['recruteur'] },
    { path: `/espace-recruteur/candidatures/${a.applicationId}`, also: ['recruteur'] },
    { path: '/espace-recruteur/profils', also: ['recruteur'] },
    { path: '/espace-recruteur/ambassadeurs', also: ['recruteur'] },
    { path: '/espace-recruteur/forum', also: ['recruteur'] },
    { path: '/admin', also: ['admin', 'recruteur'] },
    { path: '/admin/comptes', also: ['admin'] },
    { path: '/admin/entites', also: ['admin'] },
    { path: '/admin/courriels', also: ['admin'] },
    { path: '/admin/journal', also: ['admin'] },
    { path: '/admin/api', also: ['admin'] },
    { path: '/admin/vis-mon-job', also: ['admin'] },
    { path: '/admin/vis-mon-job/printemps-2027', also: ['admin'] },
    { path: '/admin/forum', also: ['admin'] },
    { path: '/admin/forum/forum-2027', also: ['admin'] },
  ];
}

async function contextFor(browser: Browser, who: Who, viewport: { width: number; height: number }) {
  const context = await browser.newContext({ viewport, isMobile: viewport === PHONE, hasTouch: viewport === PHONE });
  if (who !== 'visiteur') await context.addCookies(accounts.cookies[who]);
  return context;
}

/**
 * Resolves once the page has had no request in flight for `quiet` ms. Playwright's
 * `networkidle` waits 500 ms of quiet; a few hundred loads made that a large part of the run.
 */
function settled(page: Page, quiet = 250): () => Promise<boolean> {
  let inFlight = 0;
  let since = Date.now();
  page.on('request', () => inFlight++);
  const done = () => {
    inFlight--;
    since = Date.now();
  };
  page.on('requestfinished', done);
  page.on('requestfailed', done);
  return async () => {
    const deadline = Date.now() + 15_000;
    while (inFlight > 0 || Date.now() - since < quiet) {
      if (Date.now() > deadline) return false;
      await page.waitForTimeout(50);
    }
    return true;
  };
}

/** Who an axe scan sees a route as: a space's page as its account, the rest as a visitor. */
function scannedBy(route: Route): Who {
  const space = /^\/(espace-|admin|compte$)/.test(route.path);
  return space ? route.also?.[0] ?? 'visiteur' : 'visiteur';
}

/**
 * Loads `route` in a fresh page, and scans it with axe when `scan`; returns what went wrong
 * (nothing when all is well).
 */
async function load(context: BrowserContext, route: Route, scan: boolean): Promise<string[]> {
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    // Chromium reports failed answers in the console too; those are judged below.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      problems.push(`console error: ${message.text()}`);
    }
  });
  page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()} ${request.failure()?.errorText}`));
  page.on('response', (response) => {
    if (response.status() >= 400 && !route.expected?.test(new URL(response.url()).pathname)) {
      problems.push(`${response.status()} on ${response.request().method()} ${response.url()}`);
    }
  });
  const quiet = settled(page);
  await page.goto(route.path);
  const hydrated = await page
    .waitForFunction(() => (window as any).__talentsHydrated === true, null, { timeout: 15_000 })
    .then(() => true, () => false);
  if (!hydrated) problems.push('the page did not hydrate');
  // What loads after hydration (a space's data, a form's choices) is drawn by now.
  if (!(await quiet())) problems.push('requests still running 15 s after hydration');
  if (scan) {
    await expectAccessible(page).catch((error: Error) => problems.push(`axe: ${error.message}`));
  }
  await page.close();
  return problems;
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ baseURL }) => {
  accounts = await openAccounts(baseURL!, process.env.E2E_ROUTES_ADMIN_LINK, 'routes');
});

/**
 * To chase a crash that depends on timing: ROUTES_MATCH=vis-mon-job ROUTES_LOADS=30 loads the
 * matching routes 30 times each (desktop, phone, desktop, …).
 */
const LOADS = Number(process.env.ROUTES_LOADS ?? 3);
const MATCH = new RegExp(process.env.ROUTES_MATCH ?? '');

for (const who of ['visiteur', 'candidat', 'recruteur', 'admin'] as Who[]) {
  test(`every route loads directly without an error, as ${who}, 3 times (desktop, phone, desktop), axe on the first two`, async ({ browser }) => {
    test.setTimeout(15 * 60_000 * Math.max(1, LOADS / 3));
    const mine = routes(accounts).filter((r) => (who === 'visiteur' || r.also?.includes(who)) && MATCH.test(r.path));
    const failures: string[] = [];
    const viewports = Array.from({ length: LOADS }, (_, i) => (i % 3 === 1 ? PHONE : DESKTOP));
    for (const [i, viewport] of viewports.entries()) {
      const context = await contextFor(browser, who, viewport);
      for (const route of mine) {
        // axe once on a desktop and once on a phone, each page as the person it is for.
        const scan = i < 2 && scannedBy(route) === who;
        const problems = await load(context, route, scan);
        failures.push(...problems.map((p) => `${route.path} (${viewport.width} px): ${p}`));
      }
      await context.close();
    }
    expect(failures).toEqual([]);
  });
}

test('on a phone, the menu opens, signs in, and comes back to the page', async ({ browser }) => {
  const context = await contextFor(browser, 'visiteur', PHONE);
  const page = await context.newPage();
  await page.goto('/vis-mon-job/printemps-2027');
  await page.waitForFunction(() => (window as any).__talentsHydrated === true);
  // The account links live in the menu on a phone.
  await expect(page.getByRole('link', { name: 'Se connecter' })).toBeHidden();
  const menu = page.getByRole('button', { name: 'Menu' });
  await menu.click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Fermer' })).toBeFocused();
  await expectAccessible(page);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(menu).toBeFocused();
  await menu.click();
  await dialog.getByRole('link', { name: 'Se connecter' }).click();
  await expect(page).toHaveURL(/\/connexion\?retour=%2Fvis-mon-job%2Fprintemps-2027$/);
  await page.waitForFunction(() => (window as any).__talentsHydrated === true);
  await page.getByLabel('Adresse électronique').fill(accounts.candidateEmail);
  await page.getByLabel('Mot de passe').fill(PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page).toHaveURL(/\/vis-mon-job\/printemps-2027$/);
  await page.getByRole('button', { name: 'Menu' }).click();
  await expect(page.getByRole('dialog').getByRole('button', { name: 'Se déconnecter' })).toBeVisible();
  await context.close();
});

test('pages reached through links, and Back, work without an error', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto('/');
  await page.waitForFunction(() => (window as any).__talentsHydrated === true);
  const nav = page.getByRole('navigation', { name: 'Menu principal' });
  // [link, address, title]: each page has arrived (address and title) before the next click.
  const visited: [string, string, RegExp][] = [
    ["Offres d'emploi", '/offres', /^Offres d'emploi$/],
    ['Employeurs', '/entites', /employeurs/],
    ['Métiers', '/metiers', /métiers/],
    ['Vis mon job', '/vis-mon-job', /^Vis mon job/],
    ['Forum', '/forum', /^Forum/],
  ];
  const arrived = async ([, path, title]: [string, string, RegExp]) => {
    await expect(page).toHaveURL(new RegExp(`${path}$`));
    await expect(page.locator('main h1')).toHaveText(title);
  };
  for (const step of visited) {
    await nav.getByRole('link', { name: step[0] }).click();
    await arrived(step);
  }
  for (const step of visited.slice(0, -1).reverse()) {
    await page.goBack();
    await arrived(step);
  }
  await page.goForward();
  await arrived(visited[1]);
  expect(errors).toEqual([]);
});
