"""Signs in one account per role on a running server, through its API as people do, and
prints their session secrets: the admin (from the link `server create-admin` printed), a
recruiter of the DINUM invited by the admin, and a candidate who signs up and opens the
confirmation link.

Usage: contract-accounts.py BASE_URL ADMIN_LINK
"""

import json
import sys
import urllib.request

PASSWORD = "une phrase de passe solide"


def call(base, method, path, body=None, session=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(base + path, method=method, data=data)
    if body is not None:
        request.add_header("Content-Type", "application/json")
    if session:
        request.add_header("Cookie", f"talents_session={session}")
    with urllib.request.urlopen(request) as response:
        raw = response.read()
        return (json.loads(raw) if raw else None), response.headers.get("Set-Cookie", "")


def session_of(set_cookie):
    name, _, value = set_cookie.split(";")[0].partition("=")
    assert name == "talents_session", set_cookie
    return value


def token_in(text):
    return text.split("jeton=")[1].split()[0]


def main():
    base, admin_link = sys.argv[1], sys.argv[2]

    def confirm(token):
        body = {"token": token, "password": PASSWORD}
        return session_of(call(base, "POST", "/api/v1/auth/password-reset/confirm", body)[1])

    admin = confirm(token_in(admin_link))
    recruiter_email = "camille.martin@dinum.gouv.fr"
    invitation = {"email": recruiter_email, "entity_slug": "dinum"}
    call(base, "POST", "/api/v1/admin/recruiters", invitation, admin)
    outbox, _ = call(base, "GET", "/api/v1/admin/outbox", session=admin)
    mail = next(m for m in outbox if m["recipient"] == recruiter_email)
    recruiter = confirm(token_in(mail["body"]))
    candidate_email = "lea.petit@etudiant.univ-rennes.fr"
    signup = {"email": candidate_email, "password": PASSWORD}
    call(base, "POST", "/api/v1/auth/signup", signup)
    # The sign-up's e-mailed link confirms the address and signs the candidate in.
    outbox, _ = call(base, "GET", "/api/v1/admin/outbox", session=admin)
    mail = next(m for m in outbox if m["recipient"] == candidate_email)
    verify = {"token": token_in(mail["body"])}
    candidate = session_of(call(base, "POST", "/api/v1/auth/verify-email", verify)[1])
    print(admin, recruiter, candidate)


if __name__ == "__main__":
    main()
