import { expect, test } from '@playwright/test';
import { expectAccessible, waitForHydration } from './helpers';

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

  await page.getByLabel('Adresse électronique du recruteur').fill(recruiterEmail);
  await page.getByLabel('Entité').selectOption({ label: 'Direction interministérielle du numérique' });
  await page.getByRole('button', { name: "Envoyer l'invitation" }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Invitation envoyée' })).toBeVisible();
  // The e-mail is in the outbox (no SMTP here): its link is how the recruiter gets in.
  const mail = page.locator('.talents-outbox li').filter({ hasText: recruiterEmail }).first();
  await expect(mail).toContainText("Invitation à gérer l'espace recruteur");
  const body = await mail.locator('pre').innerText();
  invitationLink = body.match(/https?:\/\/\S+jeton=\S+/)![0];
  await expect(page.locator('table').last()).toContainText('recruiter.invite');
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
  await expect(page.getByLabel('Métier')).not.toHaveValue('');
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
  await expect(page).toHaveURL(/\/espace-recruteur$/);
  const row = page.locator('tr').filter({ hasText: title });
  await expect(row).toContainText('Brouillon');
  await row.getByRole('button', { name: /Publier/ }).click();
  await expect(row).toContainText('Publiée');

  // The public sees both.
  await page.goto('/offres?q=albert');
  await expect(page.locator('.talents-offer-card').filter({ hasText: title })).toBeVisible();
  await page.goto('/entites/dinum');
  await expect(page.getByText('transformation numérique').first()).toBeVisible();
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
