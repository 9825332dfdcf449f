import { expect, Page, test } from '@playwright/test';
import { expectAccessible, mailedLink, signUp, spaceTab, waitForHydration, waitForSpace } from './helpers';

/** Signs in through the form and waits for the account's space. */
async function signIn(page: Page, email: string, pass: string, lands: RegExp) {
  await page.goto('/connexion');
  await waitForHydration(page);
  await page.getByLabel('Adresse électronique').fill(email);
  await page.getByLabel('Mot de passe').fill(pass);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page).toHaveURL(lands);
  await waitForSpace(page);
}

async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await expect(page).toHaveURL(/\/$/);
}

/** The link in the last e-mail to `email`, read in the admin outbox (the admin is signed in). */
async function linkMailedTo(page: Page, email: string, subject: string): Promise<string> {
  await page.goto('/admin/courriels');
  const mail = page.locator('.talents-outbox li').filter({ hasText: email }).first();
  await expect(mail).toContainText(subject);
  const body = await mail.locator('pre').innerText();
  return body.match(/https?:\/\/\S+jeton=\S+/)![0];
}

// One story, in order: the admin set up by the operator invites a recruiter, who sets a
// password from the e-mail, edits the showcase and publishes an offer found by the public.
test.describe.configure({ mode: 'serial' });

const recruiterEmail = 'camille.martin@dinum.gouv.fr';
const password = 'une phrase de passe solide';
let invitationLink = '';

test('the admin sets a password from the link and invites a recruiter', async ({ page }) => {
  const link = process.env.E2E_ADMIN_LINK;
  expect(link, 'scripts/e2e.sh creates the admin').toBeTruthy();
  await page.goto(link!);
  await waitForHydration(page);
  await expectAccessible(page);
  await page.getByLabel('Nouveau mot de passe').fill(password);
  await page.getByRole('button', { name: 'Enregistrer et me connecter' }).click();
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Administration');
  // Key figures, with their charts and the data behind them.
  await expect(page.locator('.talents-figure').first()).toContainText('entités');
  await expect(page.locator('figure.talents-chart svg')).toHaveCount(4);
  await expectAccessible(page);

  await page.getByRole('link', { name: 'Recruteurs et demandes' }).click();
  await page.getByLabel('Adresse électronique du recruteur').fill(recruiterEmail);
  await page.getByLabel('Entité').selectOption({ label: 'Direction interministérielle du numérique' });
  await page.getByRole('button', { name: "Envoyer l'invitation" }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Invitation envoyée' })).toBeVisible();
  await expect(page.locator('tr').filter({ hasText: recruiterEmail })).toContainText('Invitation envoyée');
  await expectAccessible(page);
  // The e-mail is in the outbox (no SMTP here): its link is how the recruiter gets in.
  invitationLink = await linkMailedTo(page, recruiterEmail, "Invitation à gérer l'espace recruteur");
  await page.getByRole('link', { name: 'Journal' }).click();
  await expect(page.locator('table')).toContainText('recruiter.invite');
  await expectAccessible(page);
});

test('the recruiter edits the showcase and publishes an offer', async ({ page }) => {
  expect(invitationLink).not.toBe('');
  await page.goto(invitationLink);
  await waitForHydration(page);
  await page.getByLabel('Nouveau mot de passe').fill(password);
  await page.getByRole('button', { name: 'Enregistrer et me connecter' }).click();
  await expect(page).toHaveURL(/\/espace-recruteur$/);
  await expect(page.locator('table caption')).toContainText('offre');
  await expectAccessible(page);

  // Showcase, with its live preview.
  await page.getByRole('link', { name: 'Vitrine' }).click();
  const presentation = page.getByLabel('Présentation');
  await expect(presentation).not.toHaveValue('');
  const text = 'La DINUM accompagne les ministères dans leur **transformation numérique** et recrute des talents.';
  await presentation.fill(text);
  await expect(page.locator('.talents-preview strong').first()).toHaveText('transformation numérique');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Enregistrer la vitrine' }).click();
  await expect(page.getByText('Vitrine enregistrée')).toBeVisible();

  // A new offer: saved as a draft, then published.
  await page.getByRole('link', { name: 'Nouvelle offre' }).click();
  // No métier is chosen in advance; the list has them all.
  await expect(page.getByLabel('Métier')).toHaveValue('');
  await page.getByLabel('Métier').selectOption({ label: 'Data engineer' });
  const title = 'Data engineer pour la plateforme Albert';
  await page.getByLabel("Titre de l'offre").fill(title);
  await page.getByLabel('Votre mission').fill('Vous construisez les chaînes de données qui alimentent les assistants publics.');
  await page.getByLabel('Votre profil').fill('Vous maîtrisez Python, SQL et les outils de traitement distribué.');
  await page.getByLabel('Département').fill('75');
  await page.getByLabel('Ville').fill('Paris');
  const expiry = new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString().slice(0, 10);
  await page.getByLabel('Date limite de candidature').fill(expiry);
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
  // Saved as a draft: the offer's own page, with its preview and what publishing needs.
  await expect(page).toHaveURL(/\/espace-recruteur\/offres\/\d+$/);
  await expect(page.getByText('Brouillon', { exact: true })).toBeVisible();
  await expect(page.getByText('Prête à publier')).toBeVisible();
  await page.getByLabel('Votre mission').fill('');
  await expect(page.locator('.talents-preview .fr-callout')).toContainText('mission');
  await page.getByLabel('Votre mission').fill('Vous construisez les chaînes de données qui alimentent les assistants publics.');
  await page.getByRole('button', { name: 'Publier' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Offre publiée' })).toBeVisible();
  await expect(page.getByText('Publiée', { exact: true })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Offres', exact: true }).click();
  await expect(page.locator('tr').filter({ hasText: title })).toContainText('Publiée');

  // The public sees both.
  await page.goto('/offres?q=albert');
  await expect(page.locator('.talents-offer-card').filter({ hasText: title })).toBeVisible();
  await page.goto('/entites/dinum');
  await expect(page.getByText('transformation numérique').first()).toBeVisible();
});

test('the recruiter runs the team and reads the figures', async ({ page }) => {
  await signIn(page, recruiterEmail, password, /\/espace-recruteur$/);
  await page.getByRole('link', { name: 'Équipe' }).click();
  await expect(page.locator('tr').filter({ hasText: recruiterEmail })).toContainText('Vous');
  const colleague = 'nadia.roux@dinum.gouv.fr';
  await page.getByLabel('Adresse électronique professionnelle').fill(colleague);
  await page.getByRole('button', { name: "Envoyer l'invitation" }).click();
  await expect(page.locator('tr').filter({ hasText: colleague })).toContainText('Invitation envoyée');
  await expectAccessible(page);
  await page.getByRole('button', { name: `Retirer l'accès de ${colleague}` }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Accès retiré' })).toBeVisible();
  await expect(page.locator('tr').filter({ hasText: colleague })).toHaveCount(0);

  // The public reads an offer; the figures count it.
  await page.getByRole('link', { name: 'Statistiques' }).click();
  const views = page.locator('figure.talents-chart').first();
  await expect(views).toContainText('au total');
  await views.getByText('Voir les données du graphique').click();
  await expect(views.locator('table')).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  // Signing out lands on the home page (a full load); until then the space itself offers to
  // sign in again, a second « Se connecter ».
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('banner').getByRole('link', { name: 'Se connecter' })).toBeVisible();
  // Signed out, the space offers to sign in again and come back to it.
  await page.goto('/espace-recruteur/statistiques');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Connexion requise');
  await expect(page.getByRole('main').getByRole('link', { name: 'Se connecter' }))
    .toHaveAttribute('href', '/connexion?retour=%2Fespace-recruteur%2Fstatistiques');
});

test('an agent asks for access, the admin approves, another is declined', async ({ page }) => {
  for (const [email, name] of [['malik.haddad@dinum.gouv.fr', 'Malik Haddad'], ['zoe.lambert@dinum.gouv.fr', 'Zoé Lambert']]) {
    await page.goto('/espace-recruteur/demande-acces');
    await waitForHydration(page);
    await page.getByLabel('Adresse électronique professionnelle').fill(email);
    await page.getByLabel('Prénom et nom').fill(name);
    await page.getByLabel('Fonction').fill('Chargé de recrutement numérique');
    await page.getByLabel('Entité').selectOption({ label: 'Direction interministérielle du numérique' });
    await page.getByLabel("Message pour l'équipe talents (facultatif)").fill("Je recrute pour l'incubateur.");
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Envoyer la demande' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Demande envoyée' })).toBeVisible();
  }

  await signIn(page, 'talents@numerique.gouv.fr', password, /\/admin$/);
  await page.getByRole('link', { name: 'Recruteurs et demandes' }).click();
  const malik = page.locator('li').filter({ hasText: 'Malik Haddad — Direction interministérielle du numérique' });
  await expect(malik).toBeVisible();
  await expectAccessible(page);
  await malik.getByRole('button', { name: /Accepter et inviter/ }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Invitation envoyée à malik.haddad@dinum.gouv.fr' })).toBeVisible();
  // The list is drawn again once the approval is in (Malik leaves the pending requests): a
  // reason typed before would be typed into the list about to be replaced.
  await expect(malik).toHaveCount(0);
  const zoe = page.locator('li').filter({ hasText: 'Zoé Lambert' });
  await zoe.getByLabel('Motif en cas de refus (envoyé au demandeur)').fill("La DINUM a déjà deux recruteurs référents pour l'incubateur.");
  await zoe.getByRole('button', { name: /Refuser/ }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Demande refusée' })).toBeVisible();
  await expect(page.locator('table').first()).toContainText('Refusée');
  expect(await linkMailedTo(page, 'malik.haddad@dinum.gouv.fr', "Invitation à gérer l'espace recruteur")).toContain('jeton=');
});

test('the admin adds an entity under a directorate', async ({ page }) => {
  await signIn(page, 'talents@numerique.gouv.fr', password, /\/admin$/);
  await page.getByRole('link', { name: 'Entités' }).click();
  await expect(page.locator('tr').filter({ hasText: 'Direction générale des Finances publiques' })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel('Nom', { exact: true }).fill('Pôle données de la DGFiP');
  await page.getByLabel("Identifiant d'URL").fill('pole-donnees-dgfip');
  await page.getByLabel('Niveau').selectOption({ label: 'Service' });
  await page.getByLabel('Rattachée à').selectOption({ label: 'Direction générale des Finances publiques' });
  await page.getByLabel('Département').fill('93');
  await page.getByLabel('Ville').fill('Noisy-le-Grand');
  await page.getByRole('button', { name: "Enregistrer l'entité" }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Pôle données de la DGFiP' })).toBeVisible();
  await expect(page.locator('tr').filter({ hasText: 'Pôle données de la DGFiP' })).toContainText('Service');
  await page.goto('/entites/pole-donnees-dgfip');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Pôle données de la DGFiP');
});

test('a candidate signs up, changes the password and signs out', async ({ page }) => {
  await page.goto('/inscription');
  await waitForHydration(page);
  await expectAccessible(page);
  await signUp(page, 'lea.petit@etudiant.univ-rennes.fr', password, /\/espace-candidat$/);
  await waitForSpace(page);
  await page.getByRole('link', { name: 'Mon compte et mon mot de passe' }).click();
  await expect(page).toHaveURL(/\/compte$/);
  await expect(page.locator('dl')).toContainText('lea.petit@etudiant.univ-rennes.fr');
  await expectAccessible(page);
  await page.getByLabel('Mot de passe actuel').fill(password);
  await page.getByLabel('Nouveau mot de passe').fill('une nouvelle phrase de passe');
  await page.getByRole('button', { name: 'Changer mon mot de passe' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Mot de passe changé' })).toBeVisible();
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await expect(page).toHaveURL(/\/$/);
  await signIn(page, 'lea.petit@etudiant.univ-rennes.fr', 'une nouvelle phrase de passe', /\/espace-candidat$/);
});

test('a wrong password is refused with a French message', async ({ page }) => {
  await page.goto('/connexion');
  await waitForHydration(page);
  await expectAccessible(page);
  await page.getByLabel('Adresse électronique').fill(recruiterEmail);
  await page.getByLabel('Mot de passe').fill('pas le bon mot de passe');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('alert')).toContainText('Identifiants incorrects');
});

test('a candidate applies with a PDF, the recruiter answers, the candidate sees it', async ({ page }) => {
  const candidate = 'lea.petit@etudiant.univ-rennes.fr';
  const candidatePassword = 'une nouvelle phrase de passe';
  const title = 'Data engineer pour la plateforme Albert';
  await signIn(page, candidate, candidatePassword, /\/espace-candidat$/);
  await expect(page.getByText("Vous n'avez pas encore envoyé de candidature")).toBeVisible();
  await expectAccessible(page);
  // A visible profile: what Léa looks for.
  await page.getByRole('link', { name: 'Mon profil' }).click();
  await page.getByLabel('Prénom').fill('Léa');
  await page.getByLabel('Nom', { exact: true }).fill('Petit');
  await page.getByText('Data engineer', { exact: true }).click();
  await page.getByText('Bretagne', { exact: true }).click();
  await page.getByText("Les recruteurs de l'État peuvent trouver mon profil").click();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Enregistrer mon profil' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Profil enregistré' })).toBeVisible();
  // An alert on a search: new offers by e-mail every day, and a private feed.
  await page.goto('/offres?q=donnees&region=53');
  await page.getByRole('link', { name: 'Recevoir les nouvelles offres de cette recherche par courriel' }).click();
  await expect(page).toHaveURL(/\/espace-candidat\/alertes\?/);
  await waitForSpace(page);
  await expect(page.getByLabel('Critères de la recherche')).toHaveValue('q=donnees&region=53');
  await page.getByLabel("Nom de l'alerte").fill('Données en Bretagne');
  await page.getByRole('button', { name: "Créer l'alerte" }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Alerte « Données en Bretagne » créée' })).toBeVisible();
  const feed = await page.getByRole('link', { name: /Flux de l'alerte/ }).getAttribute('href');
  expect((await page.request.get(feed!)).headers()['content-type']).toContain('application/atom+xml');
  await expectAccessible(page);
  // The feed's address is shown this once (the server keeps its hash); a new one can be
  // made, and the former stops working.
  await page.reload();
  await waitForSpace(page);
  await expect(page.getByRole('link', { name: /Flux de l'alerte/ })).toHaveCount(0);
  await page.getByRole('button', { name: 'Nouveau lien du flux de « Données en Bretagne »' }).click();
  const renewed = await page.getByRole('link', { name: /Flux de l'alerte/ }).getAttribute('href');
  expect(renewed).not.toBe(feed);
  expect((await page.request.get(feed!)).status()).toBe(404);
  expect((await page.request.get(renewed!)).headers()['content-type']).toContain('application/atom+xml');
  await expectAccessible(page);

  await page.goto('/offres?q=albert');
  await page.locator('.talents-offer-card').filter({ hasText: title }).getByRole('link').first().click();
  await expect(page).toHaveURL(/\/offres\/[^/?]+$/);
  const offerUrl = page.url();
  await page.getByRole('link', { name: /^Postuler/ }).click();
  await expect(page).toHaveURL(/\/postuler$/);
  await waitForHydration(page);
  await expectAccessible(page);
  await page.getByLabel('Prénom', { exact: true }).fill('Léa');
  await page.getByLabel('Nom', { exact: true }).fill('Petit');
  await page.getByLabel('Adresse électronique').fill(candidate);
  await page.getByLabel('Votre message').fill(
    "Étudiante en master de data science, j'ai construit en stage les flux de données de la Région Bretagne.",
  );
  // DSFR draws the box over the input: click the label, as people do.
  await page.getByText("J'accepte que les recruteurs").click();
  await expect(page.getByLabel("J'accepte")).toBeChecked();
  // A file that only pretends to be a PDF is refused: its bytes are checked, not its name.
  await page.getByLabel('Votre CV').setInputFiles({
    name: 'cv.pdf', mimeType: 'application/pdf', buffer: Buffer.from('Pas vraiment un PDF'),
  });
  await page.getByRole('button', { name: 'Envoyer ma candidature' }).click();
  await expect(page.getByRole('alert')).toContainText('Le CV doit être un fichier PDF');
  await expectAccessible(page);
  await page.getByLabel('Votre CV').setInputFiles(`${__dirname}/fixtures/cv-lea-petit.pdf`);
  await page.getByRole('button', { name: 'Envoyer ma candidature' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Votre candidature est envoyée' })).toBeVisible();
  await page.getByRole('link', { name: 'Suivre mes candidatures' }).click();
  await expect(page.locator('.fr-card').filter({ hasText: title })).toContainText('Nouvelle');
  // The offer now says so, instead of offering a second application.
  await page.goto(offerUrl);
  await expect(page.getByText(/^Vous avez postulé le /)).toBeVisible();
  await expect(page.getByRole('link', { name: /^Postuler/ })).toHaveCount(0);
  await expectAccessible(page);
  await signOut(page);

  // The recruiter finds it, downloads the CV, invites to an interview, then declines.
  await signIn(page, recruiterEmail, password, /\/espace-recruteur$/);
  await page.getByRole('link', { name: 'Candidatures', exact: true }).click();
  await expect(page.locator('tr').filter({ hasText: 'Léa Petit' })).toContainText('Nouvelle');
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Léa Petit' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Léa Petit');
  const cvHref = await page.getByRole('link', { name: 'Télécharger le CV (PDF)' }).getAttribute('href');
  const cv = await page.request.get(cvHref!);
  expect(cv.headers()['content-type']).toBe('application/pdf');
  expect((await cv.body()).subarray(0, 5).toString()).toBe('%PDF-');
  await page.getByLabel('Nouveau statut').selectOption({ label: 'Entretien' });
  await page.getByRole('button', { name: 'Enregistrer le statut' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Entretien' })).toBeVisible();
  await expectAccessible(page);
  const reason = 'Nous avons retenu un profil ayant déjà conduit une migration de plateforme de données.';
  await page.getByLabel('Nouveau statut').selectOption({ label: 'Non retenue' });
  await page.getByLabel('Motif').fill(reason);
  await page.getByRole('button', { name: 'Enregistrer le statut' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Non retenue' })).toBeVisible();
  await expect(page.locator('blockquote').filter({ hasText: reason })).toBeVisible();
  // The entity's figures count it, with the time to a first answer.
  await page.getByRole('link', { name: 'Statistiques' }).click();
  await expect(page.locator('.talents-figure').filter({ hasText: 'candidatures reçues' })).toContainText('1');
  await expect(page.locator('.talents-figure').filter({ hasText: 'délai médian' })).toContainText('0 h');
  await expect(page.locator('tr').filter({ hasText: 'Non retenue' })).toContainText('1');
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Profils', exact: true }).click();
  await expect(page.locator('tr').filter({ hasText: 'Léa Petit' })).toContainText('Data engineer');
  await expectAccessible(page);
  await signOut(page);

  // The candidate sees the status and the reason; the e-mail carries it too.
  await signIn(page, candidate, candidatePassword, /\/espace-candidat$/);
  const card = page.locator('.fr-card').filter({ hasText: title });
  await expect(card).toContainText('Non retenue');
  await expect(card).toContainText(reason);
  await signOut(page);
  await signIn(page, 'talents@numerique.gouv.fr', password, /\/admin$/);
  await page.goto('/admin/courriels');
  const mail = page.locator('.talents-outbox li').filter({ hasText: 'Réponse à votre candidature' }).first();
  await expect(mail).toContainText(candidate);
  await expect(mail).toContainText(reason);
});

test('the candidate downloads their data, then erases the account', async ({ page }) => {
  const candidate = 'lea.petit@etudiant.univ-rennes.fr';
  const candidatePassword = 'une nouvelle phrase de passe';
  await signIn(page, candidate, candidatePassword, /\/espace-candidat$/);
  await page.getByRole('link', { name: 'Mon compte et mon mot de passe' }).click();
  await expect(page.getByRole('heading', { name: 'Mes données' })).toBeVisible();
  await expectAccessible(page);
  const archive = await page.request.get('/api/v1/me/export');
  expect(archive.headers()['content-type']).toBe('application/zip');
  expect((await archive.body()).subarray(0, 2).toString()).toBe('PK');
  await page.getByLabel('Mot de passe, pour confirmer').fill(candidatePassword);
  await page.getByRole('button', { name: 'Supprimer définitivement mon compte' }).click();
  await expect(page).toHaveURL(/\/\?compte=efface$/);
  await page.goto('/connexion');
  await waitForHydration(page);
  await page.getByLabel('Adresse électronique').fill(candidate);
  await page.getByLabel('Mot de passe').fill(candidatePassword);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('alert')).toContainText('Identifiants incorrects');
});

// Vis mon job: a student signs up with a new account, a recruiter registers an ambassador,
// the admin closes the sign-ups, runs the matching and publishes; the student opens the duo
// page from the e-mail, downloads the calendar file, then opens it from her space.
const student = 'sarah.nguyen@etu.u-bordeaux.fr';

test('a student signs up for Vis mon job with a new account', async ({ page }) => {
  await page.goto('/vis-mon-job');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Vis mon job');
  await expect(page.getByText('Vis mon job — automne 2026')).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Vis mon job — printemps 2027' }).click();
  await expect(page).toHaveURL(/\/vis-mon-job\/printemps-2027$/);
  await waitForHydration(page);
  await expect(page.getByLabel('Adresse électronique')).toBeVisible();
  await page.getByLabel('Adresse électronique').fill(student);
  await page.getByLabel('Mot de passe').fill(password);
  await page.getByLabel('Prénom').fill('Sarah');
  await page.getByLabel('Nom', { exact: true }).fill('Nguyen');
  await page.getByLabel('Établissement').fill('Université de Bordeaux');
  await page.getByLabel("Niveau d'études").selectOption({ label: 'Bac+4' });
  await page.getByLabel('Formation').fill('Master science des données');
  await page.getByLabel('Département où vous pouvez vous rendre').selectOption('33');
  await page.getByLabel('1er métier souhaité').selectOption('data-steward');
  await page.getByLabel('Ce que vous attendez de la journée').fill('Voir comment une administration gouverne ses données et les ouvre au public.');
  await expectAccessible(page);
  // Without consent, the browser asks for it; with it, the sign-up goes through.
  // DSFR draws the box over the input: click the label, as users do.
  await page.getByText("J'accepte que mon inscription soit transmise").click();
  await expect(page.getByLabel("J'accepte que mon inscription soit transmise")).toBeChecked();
  await page.getByRole('button', { name: "M'inscrire" }).click();
  // A new account: its e-mailed link confirms it, signs in and comes back to the edition.
  const next = page.getByRole('status').filter({ hasText: 'confirmez votre adresse' });
  await expect(next).toBeFocused();
  await expectAccessible(page);
  await page.goto(await mailedLink(student));
  await waitForHydration(page);
  await page.getByRole('link', { name: 'Continuer' }).click();
  await expect(page).toHaveURL(/\/vis-mon-job\/printemps-2027#inscription$/);
  await page.goto('/espace-candidat/vis-mon-job');
  await expect(page.locator('.fr-card').filter({ hasText: 'printemps 2027' })).toContainText('Modifier mon inscription');
  await expectAccessible(page);
  await signOut(page);
});

test('a recruiter registers an ambassador for the edition', async ({ page }) => {
  await signIn(page, recruiterEmail, password, /\/espace-recruteur$/);
  await spaceTab(page, 'Espace recruteur', 'Vis mon job').click();
  await expect(page).toHaveURL(/\/espace-recruteur\/ambassadeurs$/);
  await page.getByLabel('Prénom').fill('Marc');
  await page.getByLabel('Nom', { exact: true }).fill('Lefebvre');
  await page.getByLabel('Adresse électronique professionnelle').fill('marc.lefebvre@dinum.gouv.fr');
  await page.getByLabel('Intitulé du poste').fill('Responsable de la gouvernance des données');
  await page.getByLabel('Métier exercé').selectOption('data-steward');
  await page.getByLabel('Département du lieu de travail').fill('33');
  await page.getByLabel('Adresse du rendez-vous (sur site)').fill('Cité administrative, 2 rue Jules Ferry, 33000 Bordeaux');
  await expectAccessible(page);
  await page.getByRole('button', { name: "Inscrire l'ambassadeur" }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Marc Lefebvre est inscrit(e)' })).toBeVisible();
  await expect(page.locator('tr').filter({ hasText: 'Marc Lefebvre' })).toContainText('Data steward');
  // The one-hour preparation: the recruiter picks a session; the agent gets its link.
  await page.getByLabel('Préparation de Marc Lefebvre').selectOption({ index: 1 });
  await expect(page.getByRole('status').filter({ hasText: 'Marc Lefebvre est inscrit(e) à la préparation du 4 mars 2027' })).toBeVisible();
  await expect(page.getByLabel('Préparation de Marc Lefebvre')).toContainText('(inscrit)');
  await expectAccessible(page);
  await signOut(page);
});

test('the admin runs the matching and publishes the duos; the student opens the duo page', async ({ page }) => {
  await signIn(page, 'talents@numerique.gouv.fr', password, /\/admin$/);
  await spaceTab(page, 'Administration', 'Vis mon job').click();
  // Last autumn's edition: its report, with charts and their data.
  await page.getByRole('link', { name: 'Vis mon job — automne 2026' }).click();
  await expect(page.getByRole('heading', { name: "Bilan de l'édition" })).toBeVisible();
  await expect(page.locator('figure.talents-chart')).toHaveCount(6);
  await expect(page.locator('.talents-figure').filter({ hasText: 'note moyenne des étudiants' })).toContainText('/ 5');
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Toutes les éditions' }).click();
  await page.getByRole('link', { name: 'Vis mon job — printemps 2027' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Vis mon job — printemps 2027');
  // Marc attended his preparation: the team records it.
  const preparation = page.locator('.fr-card').filter({ hasText: 'Marc Lefebvre' });
  await preparation.getByText(/^Marc Lefebvre/).click();
  await preparation.getByRole('button', { name: 'Enregistrer les présences' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Présences du 4 mars 2027' })).toBeVisible();
  await expect(preparation.getByLabel(/^Marc Lefebvre/)).toBeChecked();
  await page.getByRole('button', { name: 'Clore les inscriptions' }).click();
  await expect(page.getByText('Inscriptions closes').first()).toBeVisible();
  await page.getByRole('button', { name: "Lancer l'appariement" }).click();
  const duo = page.locator('tr').filter({ hasText: 'Sarah Nguyen' });
  await expect(duo).toContainText('Marc Lefebvre');
  await expect(duo).toContainText('1er vœu de métier, même département');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Annoncer les duos' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Duos annoncés' })).toBeVisible();

  await page.goto('/admin/courriels');
  const mail = page.locator('.talents-outbox li').filter({ hasText: student }).filter({ hasText: 'Votre duo Vis mon job' }).first();
  const body = await mail.locator('pre').innerText();
  const link = body.match(/https?:\/\/\S+\/vis-mon-job\/duo\/\S+/)![0];
  await signOut(page);

  await page.goto(link);
  await waitForHydration(page);
  await expect(page.getByRole('heading', { level: 2, name: 'Votre ambassadeur ou ambassadrice' })).toBeVisible();
  await expect(page.getByText('Marc Lefebvre')).toBeVisible();
  await expect(page.getByText('Cité administrative, 2 rue Jules Ferry, 33000 Bordeaux')).toBeVisible();
  await expectAccessible(page);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Ajouter à mon agenda (.ics)' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('vis-mon-job.ics');
  const ics = require('fs').readFileSync(await download.path(), 'utf8');
  expect(ics).toContain('BEGIN:VEVENT');
  expect(ics).toContain('Marc Lefebvre');

  // Signed in, from her space: the same duo (the mailed link's secret is stored hashed, so the
  // space opens the duo by her session, not by that link).
  await signIn(page, student, password, /\/espace-candidat/);
  await page.goto('/espace-candidat/vis-mon-job');
  await waitForHydration(page);
  await page.getByRole('link', { name: 'Voir mon duo' }).click();
  await expect(page).toHaveURL(/\/espace-candidat\/vis-mon-job\/printemps-2027\/duo$/);
  await expect(page.getByRole('heading', { level: 2, name: 'Votre ambassadeur ou ambassadrice' })).toBeVisible();
  await expect(page.getByText('Marc Lefebvre')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Ajouter à mon agenda (.ics)' })).toHaveAttribute(
    'href', '/api/v1/vis-mon-job/editions/printemps-2027/signup/duo/agenda.ics');
  await expectAccessible(page);
});

// The Forum de l'emploi tech: the team adds a DINUM job dating to the seeded 2027 edition,
// the recruiter publishes slots, a candidate registers, books one, joins a conference and
// downloads the agenda; the recruiter sees who comes.
const forumCandidate = 'noe.garnier@etu.u-bordeaux.fr';

test('the admin adds a job dating to the forum programme', async ({ page }) => {
  await signIn(page, 'talents@numerique.gouv.fr', password, /\/admin$/);
  await spaceTab(page, 'Administration', 'Forum').click();
  await expect(page).toHaveURL(/\/admin\/forum$/);
  await page.getByRole('link', { name: "Forum de l'emploi tech de l'État 2027" }).click();
  await expect(page.getByRole('table')).toContainText('Atelier : un CV tech qui parle aux recruteurs publics');
  await expectAccessible(page);
  await page.getByLabel('Type').selectOption('job_dating');
  await page.getByLabel('Titre').fill('Job dating DINUM : incubateur et produits interministériels');
  await page.getByLabel('Description').fill("Quinze minutes avec l'équipe de la DINUM qui recrute pour ses produits.");
  await page.getByLabel('Employeur (identifiant)').fill('dinum');
  await page.getByLabel('Début (heure de Paris)').fill('2027-02-10T14:00');
  await page.getByLabel('Fin', { exact: true }).fill('2027-02-10T16:00');
  await page.getByLabel('Places').fill('8');
  await page.getByLabel('Lien de la session en ligne').fill('https://webinaire.numerique.gouv.fr/job-dating-dinum');
  await page.getByRole('button', { name: 'Ajouter la session' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'ajoutée au programme' })).toBeVisible();
  await expect(page.getByRole('table')).toContainText('Job dating DINUM');
  await signOut(page);
});

test('the recruiter publishes job-dating slots', async ({ page }) => {
  await signIn(page, recruiterEmail, password, /\/espace-recruteur$/);
  // The space's own tab, not the header's « Forum » (the space's tabs come once the session is known).
  await spaceTab(page, 'Espace recruteur', 'Forum').click();
  await expect(page).toHaveURL(/\/espace-recruteur\/forum$/);
  await page.getByLabel('À').fill('15:00');
  await page.getByLabel("Durée d'un créneau").selectOption('20');
  await page.getByRole('button', { name: 'Publier les créneaux' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Créneaux publiés' })).toBeVisible();
  await expect(page.locator('tbody tr')).toHaveCount(3);
  await expect(page.locator('tbody tr').first()).toContainText('Libre');
  await expectAccessible(page);
  await signOut(page);
});

test('a candidate registers for the forum, books a slot and downloads the agenda', async ({ page }) => {
  await signUp(page, forumCandidate, password, /\/espace-candidat$/);
  await waitForSpace(page);

  // The programme arrives complete from the server; the filters keep the job datings.
  await page.goto('/forum');
  await waitForHydration(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText("Forum de l'emploi tech de l'État 2027");
  await expectAccessible(page);
  await page.getByLabel('Type de session').selectOption('job_dating');
  await page.getByRole('button', { name: 'Filtrer' }).click();
  await expect(page).toHaveURL(/kind=job_dating/);
  await expect(page.getByRole('status').filter({ hasText: '4 sessions' })).toBeVisible();
  await page.getByRole('link', { name: 'Job dating DINUM : incubateur et produits interministériels' }).click();

  // Not yet registered for the forum: the booking is refused, with the way forward.
  await page.getByRole('button', { name: 'Réserver le créneau de 14 h', exact: true }).click();
  await expect(page.locator('.fr-alert').filter({ hasText: "Inscrivez-vous d'abord au forum" })).toBeVisible();
  await page.getByRole('link', { name: 'Mon agenda du forum' }).click();
  await page.getByLabel('Prénom').fill('Noé');
  await page.getByLabel('Nom', { exact: true }).fill('Garnier');
  await page.getByRole('button', { name: 'M\'inscrire au forum' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Vous êtes inscrit(e)' })).toBeVisible();
  await expectAccessible(page);

  await page.goBack();
  await waitForHydration(page);
  await page.getByRole('button', { name: 'Réserver le créneau de 14 h', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Créneau réservé' })).toBeVisible();
  await expect(page.locator('tr').filter({ hasText: 'Votre créneau' })).toContainText('14 h – 14 h 20');
  await expect(page.getByRole('link', { name: 'Rejoindre la session en ligne' })).toBeVisible();
  await expectAccessible(page);

  // A conference too, then the agenda and its calendar file.
  await page.goto('/forum?kind=conference');
  await waitForHydration(page);
  await page.getByRole('link', { name: 'Cybersécurité : les métiers qui protègent l\'État' }).click();
  await page.getByRole('button', { name: "M'inscrire à cette session" }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Inscription confirmée' })).toBeVisible();
  await page.getByRole('link', { name: 'Mon agenda du forum' }).click();
  await expect(page.locator('.fr-card')).toHaveCount(2);
  await expect(page.locator('.fr-card').filter({ hasText: 'Job dating DINUM' })).toContainText('Créneau réservé');
  await expectAccessible(page);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Télécharger mon agenda (.ics)' }).click(),
  ]);
  const ics = require('fs').readFileSync(await download.path(), 'utf8');
  expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(2);
  expect(ics).toContain('Job dating avec');
  await signOut(page);
});

test('the recruiter sees who booked', async ({ page }) => {
  await signIn(page, recruiterEmail, password, /\/espace-recruteur$/);
  await page.goto('/espace-recruteur/forum');
  await waitForHydration(page);
  await expect(page.locator('tbody tr').first()).toContainText(`Noé Garnier (${forumCandidate})`);
  await expect(page.getByRole('link', { name: /Télécharger la liste des inscrits/ })).toBeVisible();
  await expectAccessible(page);
});

// A job board asks for more than the public quota: the team creates a key, hands over the
// secret shown once, registers the board's webhook receiver, and revokes the key; the API
// counts the key's own quota, then refuses it.
test('the admin creates an API key, which raises the quota, registers a receiver, and revokes it', async ({ page }) => {
  await signIn(page, 'talents@numerique.gouv.fr', password, /\/admin$/);
  await page.getByRole('link', { name: 'API et webhooks' }).click();
  await expect(page).toHaveURL(/\/admin\/api$/);
  await expect(page.getByText("Aucune clé n'a été créée.")).toBeVisible();
  await page.getByLabel('Réutilisateur').fill('Choisir le service public');
  await page.getByLabel('Adresse de contact').fill('open-data@choisirleservicepublic.gouv.fr');
  await page.getByRole('button', { name: 'Créer la clé' }).click();
  const shown = page.getByRole('status').filter({ hasText: 'Clé créée pour « Choisir le service public »' });
  await expect(shown).toBeVisible();
  const secret = (await shown.locator('code').textContent()) ?? '';
  expect(secret).toMatch(/^tdn_/);
  const keys = page.getByRole('table', { name: 'Clés créées' }).locator('tbody tr');
  await expect(keys).toContainText(secret.slice(0, 10));
  await expectAccessible(page);

  // Its receiver of the offers' changes: the form says what is missing, then the signing
  // secret is shown once.
  const register = page.getByRole('button', { name: 'Enregistrer le récepteur' });
  await register.click();
  await expect(page.getByRole('alert')).toContainText('Choisissez la clé du réutilisateur');
  await page.getByLabel("Clé d'API").selectOption({ label: 'Choisir le service public' });
  await page.getByLabel('Adresse du récepteur').fill('https://emplois.choisirleservicepublic.gouv.fr/webhooks/talents');
  await register.click();
  const hook = page.getByRole('status').filter({ hasText: 'Récepteur enregistré' });
  await expect(hook).toBeVisible();
  expect((await hook.locator('code').textContent()) ?? '').toMatch(/^whsec_/);
  const receivers = page.getByRole('table', { name: 'Récepteurs enregistrés' });
  await expect(receivers).toContainText('Choisir le service public');
  await expect(receivers).toContainText('Actif');
  await expectAccessible(page);

  const keyed = await page.request.get('/api/v1/offers?limit=1', { headers: { 'X-API-Key': secret } });
  expect(keyed.status()).toBe(200);
  expect(keyed.headers()['ratelimit-limit']).toBe('6000');

  await page.getByRole('button', { name: 'Révoquer la clé de « Choisir le service public »' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'révoquée' })).toBeVisible();
  await expect(keys).toContainText('Révoquée le');
  const refused = await page.request.get('/api/v1/offers?limit=1', { headers: { 'X-API-Key': secret } });
  expect(refused.status()).toBe(401);
  expect(refused.headers()['content-type']).toBe('application/problem+json');
  await signOut(page);
});
