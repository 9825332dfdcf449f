import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, expectServedAccessible, mailedLink, waitForHydration, waitForSpace } from './helpers';

test.describe('without JavaScript, pages arrive complete', () => {
  test.use({ javaScriptEnabled: false });

  test('search results and an offer are in the served HTML', async ({ page, request }) => {
    const html = await (await request.get('/offres?q=donn%C3%A9es')).text();
    expect(html).toContain('talents-offer-card');
    const firstOffer = html.match(/href="\/offres\/(\d+)"/);
    expect(firstOffer).not.toBeNull();
    const offerHtml = await (await request.get(`/offres/${firstOffer![1]}`)).text();
    expect(offerHtml).toContain('Votre mission');
    await page.goto('/offres?q=donnees');
    await expect(page.locator('#nombre-resultats')).toContainText('offre');
  });

  test('the forum programme and a session are in the served HTML', async ({ request }) => {
    const html = await (await request.get('/forum?kind=workshop')).text();
    expect(html).toContain('Atelier : un CV tech qui parle aux recruteurs publics');
    // A text node may be followed by an empty comment, the hydration marker of erased views.
    expect(html).toMatch(/<p role="status">3 sessions(<!>)?<\/p>/);
    const session = html.match(/href="\/forum\/sessions\/(\d+)"/);
    expect(session).not.toBeNull();
    const page = await (await request.get(`/forum/sessions/${session![1]}`)).text();
    expect(page).toContain('Atelier de coaching');
  });

  test('signing up and in works from the served forms', async ({ page, context, browser }) => {
    // A refusal comes back to the form, said in words under the fields, the return kept.
    await page.goto('/connexion?retour=%2Foffres%3Fq%3Ddonnees');
    await page.locator('#email').fill('personne@exemple.fr');
    await page.locator('#password').fill('pas le bon mot de passe');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await expect(page).toHaveURL(/\/connexion\?erreur=credentials&retour=%2Foffres%3Fq%3Ddonnees$/);
    await expect(page.getByRole('alert').first()).toContainText('Adresse électronique ou mot de passe incorrect');

    const email = `sans.wasm.${Date.now()}@exemple.fr`;
    await page.goto('/inscription');
    await page.locator('#email').fill(email);
    await page.locator('#password').fill('court');
    await page.getByRole('button', { name: 'Créer mon compte' }).click();
    await expect(page).toHaveURL(/\/inscription\?erreur=weak_password$/);
    await expect(page.locator('#password-messages')).toContainText('caractères');
    await page.locator('#email').fill(email);
    await page.locator('#password').fill('une phrase de passe solide');
    await page.getByRole('button', { name: 'Créer mon compte' }).click();
    // No session yet: the e-mailed link confirms the address, and its page's button signs in.
    await expect(page).toHaveURL(/\/inscription\?envoye=1$/);
    await expect(page.getByRole('status').filter({ hasText: 'Vérifiez votre messagerie' })).toBeVisible();
    await expectServedAccessible(browser, page);
    // (Not checked by axe here: in a browser with JavaScript, the page confirms as it opens,
    // and the link would be used; spaces.spec.ts checks it so.)
    await page.goto(await mailedLink(email));
    await page.getByRole('button', { name: 'Confirmer mon adresse' }).click();
    await expect(page).toHaveURL(/\/espace-candidat$/);
    const session = await (await context.request.get('/api/v1/auth/session')).json();
    expect(session.me.email).toBe(email);
    expect(session.me.email_verified).toBe(true);

    // Signed out, then in again, back where the person was going.
    await context.clearCookies();
    await page.goto('/connexion?retour=%2Foffres%3Fq%3Ddonnees');
    await page.locator('#email').fill(email);
    await page.locator('#password').fill('une phrase de passe solide');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await expect(page).toHaveURL(/\/offres\?q=donnees$/);
    await expect(page.locator('#nombre-resultats')).toContainText('offre');
    // The served header is drawn for the session: the space, and a sign-out that works.
    const banner = page.getByRole('banner');
    await expect(banner.getByRole('link', { name: 'Mes candidatures' }).first()).toBeVisible();
    await banner.getByRole('button', { name: 'Se déconnecter' }).first().click();
    await expect(page).toHaveURL(/\/$/);
    await expect(banner.getByRole('link', { name: 'Se connecter' }).first()).toBeVisible();
    expect((await (await context.request.get('/api/v1/auth/session')).json()).me).toBeNull();
  });

  test('applying works from the served form', async ({ page, request, browser }) => {
    const html = await (await request.get('/offres?q=reseau')).text();
    const offer = html.match(/href="\/offres\/(\d+)"/)![1];
    await page.goto(`/offres/${offer}/postuler`);
    await page.getByLabel('Prénom', { exact: true }).fill('Yanis');
    await page.getByLabel('Nom', { exact: true }).fill('Moreau');
    await page.getByLabel('Adresse électronique').fill('yanis.moreau');
    const message = "Administrateur systèmes et réseaux depuis six ans, je veux mettre ce métier au service de l'État.";
    await page.getByLabel('Votre message').fill(message);
    await page.getByText("J'accepte que les recruteurs").click();
    await page.getByLabel('Votre CV').setInputFiles(`${__dirname}/fixtures/cv-lea-petit.pdf`);
    await page.getByRole('button', { name: 'Envoyer ma candidature' }).click();
    // Refused: the page again with everything typed, the error under its field, the CV to
    // choose again (a browser never fills a file field).
    await expect(page.locator('#email-messages')).toContainText('Adresse électronique invalide');
    await expect(page.getByLabel('Prénom', { exact: true })).toHaveValue('Yanis');
    await expect(page.getByLabel('Votre message')).toHaveValue(message);
    await expect(page.getByLabel("J'accepte")).toBeChecked();
    await expect(page.getByText('Choisissez-le à nouveau')).toBeVisible();
    await expectServedAccessible(browser, page);
    await page.getByLabel('Adresse électronique').fill(`yanis.moreau.${Date.now()}@exemple.fr`);
    await page.getByLabel('Votre CV').setInputFiles(`${__dirname}/fixtures/cv-lea-petit.pdf`);
    await page.getByRole('button', { name: 'Envoyer ma candidature' }).click();
    await expect(page).toHaveURL(/\/postuler\?envoyee=\d+$/);
    await expect(page.getByRole('status')).toContainText('Votre candidature est envoyée');
  });

  test('signing up for Vis mon job works from the served form', async ({ page, context, browser }) => {
    // A student no ambassador of the browser tests' story can take (Mayotte, on site only).
    await page.goto('/vis-mon-job/printemps-2027');
    const email = `yanis.moreau.${Date.now()}@etu.univ-mayotte.fr`;
    await page.getByLabel('Adresse électronique').fill(email);
    await page.getByLabel('Mot de passe').fill('une phrase de passe solide');
    await page.getByLabel('Prénom').fill('Yanis');
    await page.getByLabel('Nom', { exact: true }).fill('Moreau');
    await page.getByLabel('Établissement').fill('Centre universitaire de formation et de recherche de Mayotte');
    await page.getByLabel("Niveau d'études").selectOption({ label: 'Bac+4' });
    await page.getByLabel('Formation').fill('Master informatique');
    await page.getByLabel('Département où vous pouvez vous rendre').selectOption('976');
    await page.getByLabel('1er métier souhaité').selectOption('developpeuse-developpeur');
    await page.getByLabel('Ce que vous attendez de la journée').fill('Trop court');
    await page.getByText("J'accepte que mon inscription soit transmise").click();
    await page.getByRole('button', { name: "M'inscrire" }).click();
    // Refused: the page again, everything typed kept but the password, the rule said.
    await expect(page.locator('#vmj-motivation-messages')).toContainText('30 à 2 000 caractères');
    await expect(page.getByLabel('Prénom')).toHaveValue('Yanis');
    await expect(page.getByLabel('Département où vous pouvez vous rendre')).toHaveValue('976');
    await expect(page.getByLabel('1er métier souhaité')).toHaveValue('developpeuse-developpeur');
    await expect(page.getByLabel('Mot de passe')).toHaveValue('');
    await expectServedAccessible(browser, page);
    await page.getByLabel('Mot de passe').fill('une phrase de passe solide');
    await page.getByLabel('Ce que vous attendez de la journée').fill("Découvrir le quotidien d'une équipe qui développe un service public numérique.");
    await page.getByRole('button', { name: "M'inscrire" }).click();
    await expect(page).toHaveURL(/\/vis-mon-job\/printemps-2027\?inscription=a-confirmer#inscription$/);
    await expect(page.getByRole('status')).toContainText('confirmez votre adresse');
    // The e-mailed link signs in and comes back to the edition, where the sign-up is.
    await page.goto(await mailedLink(email));
    await page.getByRole('button', { name: 'Confirmer mon adresse' }).click();
    await expect(page).toHaveURL(/\/vis-mon-job\/printemps-2027#inscription$/);
    const session = await (await context.request.get('/api/v1/auth/session')).json();
    expect(session.me.email).toBe(email);
    const mine = await (await context.request.get('/api/v1/vis-mon-job/editions/printemps-2027/signup')).json();
    expect(mine.signup.first_name).toBe('Yanis');
  });

  test('registering for a forum session works from the served form', async ({ page, request, context, browser }) => {
    const programme = await (await request.get('/forum?kind=conference')).text();
    const session = `/forum/sessions/${programme.match(/href="\/forum\/sessions\/(\d+)"/)![1]}`;
    // A visitor is sent to sign up, and comes back to the session.
    await page.goto(session);
    await page.getByRole('button', { name: /^M'inscrire/ }).click();
    await expect(page).toHaveURL(new RegExp(`/connexion\\?retour=${encodeURIComponent(session)}$`));
    await page.goto(`/inscription?retour=${encodeURIComponent(session)}`);
    const email = `nora.benali.${Date.now()}@etu.univ-lille.fr`;
    await page.locator('#email').fill(email);
    await page.locator('#password').fill('une phrase de passe solide');
    await page.getByRole('button', { name: 'Créer mon compte' }).click();
    await expect(page).toHaveURL(/\/inscription\?envoye=1$/);
    await page.goto(await mailedLink(email));
    await page.getByRole('button', { name: 'Confirmer mon adresse' }).click();
    await expect(page).toHaveURL(new RegExp(`${session}$`));
    // New to the forum, without a profile: the names recruiters will see are asked first.
    await page.getByRole('button', { name: /^M'inscrire/ }).click();
    await expect(page.locator('#forum-first-name-messages')).toContainText('Indiquez votre prénom');
    await expectServedAccessible(browser, page);
    await page.getByLabel('Prénom').fill('Nora');
    await page.getByLabel('Nom', { exact: true }).fill('Benali');
    await page.getByRole('button', { name: /^M'inscrire/ }).click();
    await expect(page).toHaveURL(new RegExp(`${session}\\?inscription=(confirmee|attente&position=\\d+)#participer$`));
    await expect(page.getByRole('status').first()).toContainText(/Inscription confirmée|liste d'attente/);
    const agenda = await (await context.request.get('/api/v1/me/forum')).json();
    expect(agenda.items.map((item: { session: { id: number } }) => `/forum/sessions/${item.session.id}`)).toContain(session);
  });

  test('unknown pages answer 404 with the app page', async ({ request }) => {
    const response = await request.get('/cette-page-n-existe-pas');
    expect(response.status()).toBe(404);
    expect(await response.text()).toContain('Page introuvable');
    const offer = await request.get('/offres/999999999');
    expect(offer.status()).toBe(404);
  });
});

test('home → search « données » → filter by region → offer → entity', async ({ page }) => {
  await page.goto('/');
  await waitForHydration(page);
  await expect(page).toHaveTitle(/Accueil/);
  await expectAccessible(page);

  await page.getByLabel('Rechercher une offre').fill('données');
  await page.getByRole('button', { name: 'Rechercher' }).click();
  await expect(page).toHaveURL(/\/offres\?q=donn/);
  await expect(page.locator('#nombre-resultats')).toContainText('correspond');
  const before = await page.locator('.talents-offer-card').count();
  expect(before).toBeGreaterThan(0);
  await expectAccessible(page);

  // Choices carry their counts (« Île-de-France (12) »): chosen by value.
  await page.getByLabel('Région', { exact: true }).selectOption('11');
  await page.getByRole('button', { name: 'Appliquer les filtres' }).click();
  // The form's empty fields are left out of the address.
  await expect(page).toHaveURL(/\/offres\?q=donn[^&]*&region=11$/);
  await expect(page.getByLabel('Région', { exact: true })).toHaveValue('11');
  const cards = page.locator('.talents-offer-card');
  await expect(cards.first()).toBeVisible();
  await expect(cards.first()).toContainText(/\((75|77|78|91|92|93|94|95)\)/);

  const title = (await cards.first().locator('h3').innerText()).trim();
  await cards.first().locator('h3 a').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  // Drawn in the browser: the Markdown renderer's chunk came after the link (components/markdown.rs).
  await expect(page.locator('.talents-markdown').first()).not.toBeEmpty();
  await expect(page).toHaveTitle(new RegExp(title.slice(0, 20).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')));
  await expectAccessible(page);

  const entityLink = page.locator('p.fr-text--lead a');
  const entityName = (await entityLink.innerText()).trim();
  await entityLink.click();
  await expect(page).toHaveURL(/\/entites\//);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(entityName);
  await expect(page.getByRole('heading', { name: "Ses offres d'emploi" })).toBeVisible();
  await expectAccessible(page);
});

test('results: clean addresses, removable filters, sort, and Back to the same place', async ({ page }) => {
  // Without the WASM a GET form sends its empty fields: the server answers with the clean address.
  const untidy = await page.request.get('/offres?q=&region=53&departement=&=', {
    maxRedirects: 0, headers: { Accept: 'text/html' },
  });
  expect([302, 303, 307]).toContain(untidy.status());
  expect(untidy.headers()['location']).toBe('/offres?region=53');

  await page.goto('/offres?q=donnees&region=53');
  await waitForHydration(page);
  // The département list follows the région chosen, in code order.
  // (Each choice ends with its count of offers.)
  const departements = await page.getByLabel('Département').locator('option').allTextContents();
  expect(departements.map((d) => d.replace(/ \(\d+\)$/, ''))).toEqual(
    ['Tous', "Côtes-d'Armor (22)", 'Finistère (29)', 'Ille-et-Vilaine (35)', 'Morbihan (56)'],
  );
  await page.getByLabel('Région', { exact: true }).selectOption('94');
  await expect(page.getByLabel('Département').locator('option')).toHaveText(['Tous', /^Corse-du-Sud \(2A\)/, /^Haute-Corse \(2B\)/]);
  // Each filter in force is a tag that removes it.
  const tag = page.getByRole('link', { name: 'Retirer le filtre Région : Bretagne' });
  await expect(tag).toBeVisible();
  await expect(page.locator('.talents-offer-card').first()).toContainText('€ brut par an');
  await expect(page.locator('.talents-offer-card').first()).toContainText('candidatures jusqu');
  await expectAccessible(page);
  await tag.click();
  await expect(page).toHaveURL(/\/offres\?q=donnees$/);
  await expect(page.getByRole('link', { name: /^Retirer le filtre Région/ })).toHaveCount(0);
  await page.getByLabel('Trier par').selectOption({ label: 'Date de publication' });
  await page.getByRole('button', { name: 'Trier', exact: true }).click();
  await expect(page).toHaveURL(/\/offres\?q=donnees&sort=recent$/);
  await page.getByLabel('Trier par').selectOption({ label: 'Salaire le plus élevé' });
  await page.getByRole('button', { name: 'Trier', exact: true }).click();
  await expect(page).toHaveURL(/\/offres\?q=donnees&sort=salary$/);
  await expect(page.locator('.talents-offer-card').first()).toContainText('€ brut par an');

  // Numbered pages keep the search and its order; the page's number is in its title.
  await page.goto('/offres?sort=salary');
  await waitForHydration(page);
  const pages = page.getByRole('navigation', { name: 'Pagination des résultats' });
  await pages.getByRole('link', { name: '2', exact: true }).click();
  await expect(page).toHaveURL(/\/offres\?sort=salary&page=2$/);
  await expect(pages.getByRole('link', { name: '2', exact: true })).toHaveAttribute('aria-current', 'page');
  await expect(page).toHaveTitle(/page 2/);
  await pages.getByRole('link', { name: 'Dernière page' }).click();
  await expect(page).toHaveURL(/\/offres\?sort=salary&page=\d+$/);
  await expect(pages.getByRole('link', { name: 'Page suivante' })).toHaveCount(0);
  await expectAccessible(page);

  // Back from the 15th offer returns to it, not to the top of the list.
  await page.goto('/offres');
  await waitForHydration(page);
  const card = page.locator('.talents-offer-card').nth(14);
  await card.scrollIntoViewIfNeeded();
  const y = await page.evaluate(() => window.scrollY);
  expect(y).toBeGreaterThan(800);
  await card.locator('h3 a').click();
  await expect(page).toHaveURL(/\/offres\/\d+$/);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.goBack();
  await expect(page).toHaveURL(/\/offres$/);
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(y - 100);
});

test('search: counts beside the filters, matched words marked, a close spelling proposed', async ({ page }) => {
  await page.goto('/offres?q=d%C3%A9veloppeur');
  await waitForHydration(page);
  // Each choice says how many offers it would give with the other filters kept.
  const regions = await page.getByLabel('Région', { exact: true }).locator('option').allTextContents();
  expect(regions).toContainEqual(expect.stringMatching(/^Île-de-France \(\d+\)$/));
  const contracts = await page.getByLabel('Type de contrat').locator('option').allTextContents();
  expect(contracts.filter((o) => /\((\d+)\)$/.test(o)).length).toBeGreaterThan(1);
  // The words found are marked in the titles (from data, as <mark>).
  await expect(page.locator('.talents-offer-card h3 mark').first()).toBeVisible();
  await expectAccessible(page);
  // Nothing for « rsut », but « rust » would: proposed as a link.
  await page.goto('/offres?q=rsut');
  await page.getByRole('link', { name: 'rust', exact: true }).click();
  await expect(page).toHaveURL(/\/offres\?q=rust$/);
  await expect(page.locator('#nombre-resultats')).toContainText('correspond');
});

test('the search box suggests métiers, employers and titles, and works with the keyboard', async ({ page }) => {
  await page.goto('/');
  await waitForHydration(page);
  const box = page.getByRole('combobox', { name: 'Rechercher une offre' });
  await expect(box).toHaveAttribute('aria-expanded', 'false');
  await box.pressSequentially('anss', { delay: 30 });
  const list = page.getByRole('listbox', { name: 'Suggestions' });
  await expect(list).toBeVisible();
  await expect(box).toHaveAttribute('aria-expanded', 'true');
  await expect(list.getByRole('option').first()).toBeVisible();
  await expectAccessible(page);
  // ↓ makes the first suggestion the active one; Échap closes; ↓ again, then Entrée follows it.
  await box.press('ArrowDown');
  const first = list.getByRole('option').first();
  await expect(first).toHaveAttribute('aria-selected', 'true');
  await expect(box).toHaveAttribute('aria-activedescendant', (await first.getAttribute('id'))!);
  await box.press('Escape');
  await expect(list).toBeHidden();
  await box.press('ArrowDown');
  await box.press('Enter');
  await expect(page).toHaveURL(/\/offres\?(entity|metier|q)=/);
  await expect(page.locator('#nombre-resultats')).toContainText('correspond');
});

test('on a phone the filters are folded below the search, and open on demand', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/offres?region=53');
  await waitForHydration(page);
  const region = page.getByLabel('Région', { exact: true });
  await expect(region).toBeHidden();
  await page.locator('summary').filter({ hasText: '1 filtre actif' }).click();
  await expect(region).toBeVisible();
  await expect(region).toHaveValue('53');
  await expectAccessible(page);
});

// Every route is scanned by routes.spec.ts; the page of an unknown address is not a route.
for (const path of ['/page-inconnue']) {
  test(`axe finds no violation on ${path}`, async ({ page }) => {
    await page.goto(path);
    await waitForHydration(page);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expectAccessible(page);
  });
}

test('client-side navigation after hydration keeps working', async ({ page }) => {
  await page.goto('/metiers');
  await waitForHydration(page);
  await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: "Offres d'emploi" }).click();
  await expect(page).toHaveURL(/\/offres$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText("Offres d'emploi");
  await expect(page.locator('.talents-offer-card').first()).toBeVisible();
});

/** The WASM files a page requests, by path, in the order requested. */
function recordWasm(page: Page): Set<string> {
  const wasm = new Set<string>();
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (path.endsWith('.wasm')) wasm.add(path);
  });
  return wasm;
}

// The public bundle is split (app/src/lazy.rs): the home page hydrates from its main module
// alone; another public page's code comes in chunks with the page, be it the first page or
// one the visitor goes to, and only that page's. On a first page, the server names its chunks
// in the head, so they load beside the main module; the Markdown renderer is not among them:
// the served page has its HTML already.
test('the home page needs the main module only; a page brings its own chunks', async ({ page }) => {
  const wasm = recordWasm(page);
  await page.goto('/');
  await waitForHydration(page);
  expect([...wasm]).toEqual(['/pkg/frontend_bg.wasm']);
  await page.getByRole('link', { name: 'Métiers', exact: true }).first().click();
  await expect(page).toHaveURL(/\/metiers$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('métiers');
  const pages = [...wasm].filter((path) => path.includes('_page_view_'));
  expect(pages).toEqual([expect.stringMatching(/^\/pkg\/split___metiers_page_view_\d+\.wasm$/)]);

  const first = recordWasm(page);
  await page.goto('/forum');
  await waitForHydration(page);
  await expect(page.locator('.talents-markdown').first()).not.toBeEmpty();
  const chunks = [...first].filter((path) => path !== '/pkg/frontend_bg.wasm');
  expect(chunks.filter((path) => path.includes('_page_view_'))).toEqual([
    expect.stringMatching(/^\/pkg\/split___forum_page_view_\d+\.wasm$/),
  ]);
  expect(chunks.filter((path) => path.includes('to_safe_html'))).toEqual([]);
  // The served page names its chunks for the hydration script, which asks for them beside
  // the bundle once the page has painted: exactly those the page needed.
  const head = (await (await page.request.get('/forum')).text()).split('</head>')[0];
  const named = head.match(/<meta name="talents-chunks" content="([^"]*)"/)![1].split(' ');
  expect(named.filter((path) => path.endsWith('.wasm')).sort()).toEqual(chunks.sort());
  expect(head).not.toMatch(/<link [^>]*\.wasm/);
  for (const path of named) expect((await page.request.get(path)).status()).toBe(200);
});

// What only the server computes (the offer's JobPosting, the Markdown texts' HTML) stays in a
// served page once hydrated; the browser loads no renderer for it.
test('a served offer page keeps its JobPosting and texts once hydrated', async ({ page, request }) => {
  const offer = (await (await request.get('/offres')).text()).match(/href="(\/offres\/\d+)"/)![1];
  const wasm = recordWasm(page);
  await page.goto(offer);
  await waitForHydration(page);
  const posting = JSON.parse(await page.locator('script[type="application/ld+json"]').innerHTML());
  expect(posting['@type']).toBe('JobPosting');
  expect(posting.description).toContain('<h2>Votre mission</h2>');
  await expect(page.locator('.talents-markdown').first()).not.toBeEmpty();
  expect([...wasm].filter((path) => path.includes('to_safe_html'))).toEqual([]);
});

// Visitors download the public bundle only; the signed-in spaces come with their own
// (app/src/spaces.rs). A link from a public page into a space loads that page from the server,
// and the history still leads back.
test('a space page comes with the spaces bundle, from a link in the public one', async ({ page }) => {
  const wasm = recordWasm(page);
  await page.goto('/connexion');
  await waitForHydration(page);
  const spaces = (paths: Set<string>) => [...paths].filter((path) => path.includes('spaces'));
  expect([...wasm][0]).toBe('/pkg/frontend_bg.wasm');
  expect(spaces(wasm)).toEqual([]);
  await page.getByRole('link', { name: /Demander un accès recruteur/ }).click();
  await expect(page).toHaveURL(/\/espace-recruteur\/demande-acces$/);
  await waitForSpace(page);
  await expect(page.getByLabel('Adresse électronique professionnelle')).toBeVisible();
  expect(spaces(wasm)).toEqual(['/pkg/frontend_spaces_bg.wasm']);
  await page.goBack();
  await expect(page).toHaveURL(/\/connexion$/);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
});

// Every page runs under a Content-Security-Policy that allows only our scripts and this
// response's nonce: the inline hydration scripts carry it, the WASM compiles, nothing is refused.
// A search page a visitor loads again within seconds is sent as it was kept (server's
// page_cache): its policy names its inline scripts by their SHA-256 instead, and it hydrates
// just the same. A hydration mismatch panics in the WASM, which traps (`unreachable`, a page
// error): none may happen either.
test('pages hydrate under a strict Content-Security-Policy', async ({ page }) => {
  const refused: string[] = [];
  page.on('console', (message) => {
    const text = message.text();
    if (text.includes('Content Security Policy')) refused.push(text);
  });
  page.on('pageerror', (error) => refused.push(error.message));
  const search = '/offres?q=architecte&region=84';
  const response = await page.goto(search);
  const csp = response!.headers()['content-security-policy'];
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9_-]{43}' 'wasm-unsafe-eval'/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(response!.headers()['x-content-type-options']).toBe('nosniff');
  await waitForHydration(page);
  const kept = await page.goto(search);
  const keptCsp = kept!.headers()['content-security-policy'];
  expect(keptCsp).toMatch(/script-src 'self'( 'sha256-[A-Za-z0-9+/]{43}=')+ 'wasm-unsafe-eval'/);
  expect(keptCsp).toContain("frame-ancestors 'none'");
  await waitForHydration(page);
  for (const path of ['/', '/entites/dinum', '/metiers', '/forum', '/vis-mon-job', '/connexion']) {
    await page.goto(path);
    await waitForHydration(page);
  }
  expect(refused).toEqual([]);
  const next = await page.request.get('/entites/dinum');
  const again = await page.request.get('/entites/dinum');
  expect(next.headers()['content-security-policy']).not.toBe(again.headers()['content-security-policy']);
});
