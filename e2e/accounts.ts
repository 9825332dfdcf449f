import { APIRequestContext, expect, request } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Accounts of every kind, opened through the API as people open them (no shortcut into the
 * database): the admin from the link `server create-admin` printed, a recruiter invited by
 * that admin (the link read in the outbox), a candidate who signs up (the address left
 * unconfirmed) and applies with a CV.
 */
export interface Accounts {
  /** Cookies of each signed-in kind of account, for `context.addCookies`. */
  cookies: Record<'candidat' | 'recruteur' | 'admin', Cookie[]>;
  /** Ids and slugs the routes need. */
  candidateEmail: string;
  offerId: number;
  applicationId: number;
}

export type Cookie = Awaited<ReturnType<APIRequestContext['storageState']>>['cookies'][number];

export const PASSWORD = 'une phrase de passe solide';

async function signedIn(baseURL: string): Promise<APIRequestContext> {
  return request.newContext({ baseURL });
}

async function cookiesOf(context: APIRequestContext): Promise<Cookie[]> {
  return (await context.storageState()).cookies;
}

/** Chooses the password of the account whose e-mailed link is `link`; signed in after. */
async function choosePassword(baseURL: string, link: string): Promise<APIRequestContext> {
  const token = new URL(link).searchParams.get('jeton');
  expect(token, `a token in ${link}`).toBeTruthy();
  const context = await signedIn(baseURL);
  const answer = await context.post('/api/v1/auth/password-reset/confirm', {
    data: { token, password: PASSWORD },
  });
  expect(answer.status(), await answer.text()).toBe(200);
  return context;
}

export async function openAccounts(baseURL: string, adminLink: string | undefined, tag: string): Promise<Accounts> {
  expect(adminLink, 'scripts/e2e.sh creates an admin for these tests').toBeTruthy();
  const admin = await choosePassword(baseURL, adminLink!);

  const recruiterEmail = `julie.morel.${tag}@ants.gouv.fr`;
  const invited = await admin.post('/api/v1/admin/recruiters', {
    data: { email: recruiterEmail, entity_slug: 'ants' },
  });
  expect(invited.status(), await invited.text()).toBe(201);
  const outbox = await (await admin.get('/api/v1/admin/outbox')).json();
  const invitation = outbox.find((m: { recipient: string }) => m.recipient === recruiterEmail);
  const link = invitation.body.match(/https?:\/\/\S+jeton=\S+/)[0];
  const recruiter = await choosePassword(baseURL, link);

  // Signed in with the password, the address left unconfirmed: the every-route test sees the
  // notice asking to confirm it.
  const candidate = await signedIn(baseURL);
  const credentials = { email: `hugo.lefevre.${tag}@etudiant.univ-lyon1.fr`, password: PASSWORD };
  const signup = await candidate.post('/api/v1/auth/signup', { data: credentials });
  expect(signup.status(), await signup.text()).toBe(202);
  const login = await candidate.post('/api/v1/auth/login', { data: credentials });
  expect(login.status(), await login.text()).toBe(200);
  await candidate.put('/api/v1/me/profile', {
    data: { first_name: 'Hugo', last_name: 'Lefèvre' },
  });

  // An application to one of the recruiter's offers, for the pipeline's pages.
  // The entity's own offer (`entity=…` also lists its services'). Not the DINUM's, whose figures
  // the recruiter's journey (spaces.spec.ts) checks.
  const offers = await (await candidate.get('/api/v1/offers?entity=ants&limit=100')).json();
  const offerId: number = offers.items.find((o: { entity: { slug: string } }) => o.entity.slug === 'ants').id;
  const applied = await candidate.post(`/api/v1/offers/${offerId}/applications`, {
    headers: { 'Idempotency-Key': `routes-${tag}` },
    multipart: {
      first_name: 'Hugo',
      last_name: 'Lefèvre',
      email: `hugo.lefevre.${tag}@etudiant.univ-lyon1.fr`,
      message: "Développeur en alternance, je souhaite rejoindre vos équipes pour servir l'intérêt général.",
      consent: 'true',
      cv: {
        name: 'cv-hugo-lefevre.pdf',
        mimeType: 'application/pdf',
        buffer: readFileSync(join(__dirname, 'fixtures', 'cv-lea-petit.pdf')),
      },
    },
  });
  expect(applied.status(), await applied.text()).toBe(201);
  const pipeline = await (await recruiter.get('/api/v1/recruiter/applications')).json();
  const applicationId: number = pipeline[0].id;

  return {
    cookies: {
      candidat: await cookiesOf(candidate),
      recruteur: await cookiesOf(recruiter),
      admin: await cookiesOf(admin),
    },
    candidateEmail: `hugo.lefevre.${tag}@etudiant.univ-lyon1.fr`,
    offerId,
    applicationId,
  };
}
