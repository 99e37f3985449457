// SPDX-License-Identifier: EUPL-1.2
// Signing in by SAML (Skolfederation, issue #18), in a browser: an admin pastes the IdP's
// metadata on the admin page, the service provider's own metadata answers XML, and a coach
// signs in through a small IdP started here on 127.0.0.1, whose page posts a signed answer
// across sites to Coachportalen's assertion consumer service, as Shibboleth's does.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { createMunicipality } from "~/modules/municipalities/municipalities.server";
import { createDatabase } from "~db/client.server";
import { E2E_DATABASE, E2E_PORT } from "../../playwright.config";
import { assertionXml, encode, idpMetadata, makeIdpKeys, MAIL, responseXml, signAssertion, type TestIdpKeys } from "../helpers/saml-idp";
import { accessibilityViolations } from "./helpers/a11y";
import { createUser } from "./helpers/db";

const SP = `http://localhost:${E2E_PORT}`;
let keys: TestIdpKeys;
let idp: http.Server;
let idpUrl = "";
/** Who the IdP says is signing in. */
let signingInAs = "";

test.beforeAll(async () => {
  keys = makeIdpKeys();
  idp = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", idpUrl);
    const requestId = url.searchParams.get("RelayState") ?? "";
    if (url.pathname !== "/sso" || !url.searchParams.get("SAMLRequest")) return void res.writeHead(404).end();
    const assertion = signAssertion(assertionXml({ inResponseTo: requestId, audience: `${SP}/logga-in/saml/metadata`, recipient: `${SP}/logga-in/saml/svar`, attributes: { [MAIL]: signingInAs } }), keys);
    const answer = encode(responseXml({ inResponseTo: requestId, destination: `${SP}/logga-in/saml/svar`, body: assertion }));
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" }).end(
      `<!doctype html><html lang="sv"><title>Test-IdP</title><form method="post" action="${SP}/logga-in/saml/svar"><input type="hidden" name="SAMLResponse" value="${answer}"><input type="hidden" name="RelayState" value="${requestId}"><button>Fortsätt</button></form></html>`,
    );
  });
  await new Promise<void>((resolve) => idp.listen(0, "127.0.0.1", resolve));
  idpUrl = `http://127.0.0.1:${(idp.address() as AddressInfo).port}`;
});
test.afterAll(async () => {
  await new Promise((resolve) => idp?.close(resolve));
});

test("an admin pastes the IdP's metadata, and a coach signs in through the IdP and lands in Coachportalen as themselves", async ({ page }) => {
  const admin = await createUser({ role: "admin" });
  const suffix = Math.random().toString(36).slice(2, 8);
  const created = await createMunicipality(createDatabase(E2E_DATABASE), { name: `Samlby ${suffix}`, county: "Kalmar län", slug: `samlby-${suffix}`, actorId: admin.id });
  if (created.status !== "created") throw new Error(`could not create the municipality: ${created.status}`);
  const coach = await createUser({ role: "coach", municipality: created.slug, name: "Sara Saml" });
  const domain = `skola.samlby-${suffix}.se`;
  signingInAs = `${coach.email.split("@")[0]}@${domain}`;
  await createDatabase(E2E_DATABASE).updateTable("user").set({ email: signingInAs }).where("id", "=", coach.id).execute();

  // The service provider's metadata, for the federation.
  const metadata = await page.request.get("/logga-in/saml/metadata");
  expect(metadata.headers()["content-type"]).toBe("application/samlmetadata+xml; charset=utf-8");
  expect(await metadata.text()).toContain(`entityID="${SP}/logga-in/saml/metadata"`);

  await page.goto("/logga-in");
  await page.getByLabel("E-postadress").fill(admin.email);
  await page.getByLabel("Lösenord", { exact: true }).fill(admin.password);
  await page.getByRole("button", { name: "Logga in", exact: true }).click();
  await expect(page).not.toHaveURL(/\/logga-in/);
  await page.goto(`/admin/kommuner/${created.id}/inloggning`);
  await page.getByRole("link", { name: "Inloggning via SAML" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Inloggning via SAML");
  await page.getByLabel("Metadata (XML)").fill(idpMetadata(keys, `${idpUrl}/idp`, `${idpUrl}/sso`));
  await page.getByLabel("Tillåtna e-postdomäner").fill(domain);
  await page.getByRole("button", { name: "Spara inloggningen via SAML" }).click();
  await expect(page.getByText("Inloggningen via SAML är sparad.")).toBeVisible();
  await expect(page.getByText(`${idpUrl}/idp`, { exact: true })).toBeVisible();
  expect(await accessibilityViolations(page)).toEqual([]);
  await page.getByRole("button", { name: "Logga ut", exact: true }).click();
  await expect(page).toHaveURL(/\/logga-in\?utloggad=1/);

  await page.getByRole("link", { name: `Logga in med Samlby ${suffix} kommuns konto via Skolfederation` }).click();
  await expect(page).toHaveURL(new RegExp(`^${idpUrl}/sso\\?SAMLRequest=`));
  // The IdP's page posts the answer from its own site: the one cross-site POST the server takes.
  await page.getByRole("button", { name: "Fortsätt" }).click();

  await expect(page).toHaveURL(/\/utbildning$/);
  await page.goto("/konto");
  await expect(page.getByText(signingInAs)).toBeVisible();
  await expect(page.getByText(`Med Samlby ${suffix} kommuns konto (SAML)`).first()).toBeVisible();
  await page.getByRole("button", { name: "Logga ut", exact: true }).click();
  // The notice in the page; the same words are also written into the status live region for screen readers.
  await expect(page.getByRole("main").getByText("Du är utloggad från Coachportalen.")).toBeVisible();
});
