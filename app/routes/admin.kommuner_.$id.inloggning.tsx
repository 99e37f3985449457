// SPDX-License-Identifier: EUPL-1.2
// A municipality's own sign-in (issue #18): an admin configures its OpenID Connect provider.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Notice } from "~/components/forms";
import { IdentityProviderForm } from "~/components/IdentityProviderForm";
import { readForm } from "~/lib/form.server";
import { can, forbidden, notFound, requireUser } from "~/modules/access/permissions.server";
import { oidcProviderFormValues, removeIdentityProvider, saveOidcProvider } from "~/modules/auth/identity-providers.server";
import { oidcCallbackUrl } from "~/modules/auth/oidc.server";
import { secretsUnavailable } from "~/modules/auth/secrets.server";
import { getMunicipality } from "~/modules/municipalities/municipalities.server";
import { getDb } from "~db/client.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Inloggning – ${data.municipality.name} – Coachportalen` : "Inloggning – Coachportalen" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireUser({ request, context });
  if (!can.configureSignIn(actor)) forbidden();
  const db = getDb();
  const municipality = await getMunicipality(db, params.id ?? "");
  if (!municipality) notFound("Kommunen finns inte.");
  const provider = await oidcProviderFormValues(db, municipality.id);
  return { municipality, ...provider, redirectUri: oidcCallbackUrl(), keyProblem: secretsUnavailable() };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const admin = await requireUser({ request, context });
  if (!can.configureSignIn(admin)) forbidden();
  const db = getDb();
  const municipality = await getMunicipality(db, params.id ?? "");
  if (!municipality) notFound("Kommunen finns inte.");
  const form = await readForm(request);
  const intent = form.get("intent");
  if (intent === "remove") {
    const removed = await removeIdentityProvider(db, { actorId: admin.id, municipalityId: municipality.id, kind: "oidc" });
    if (!removed) return data({ saved: null, errors: { form: "Kommunen har ingen egen inloggning att ta bort." }, values: null }, { status: 400 });
    return { saved: "Inloggningen med kommunens konto är borttagen.", errors: null, values: null };
  }
  if (intent !== "save") return data({ saved: null, errors: { form: "Formuläret gick inte att förstå. Ladda om sidan och försök igen." }, values: null }, { status: 400 });
  const outcome = await saveOidcProvider(db, { actorId: admin.id, municipalityId: municipality.id, form });
  if (outcome.kind === "saved") return { saved: outcome.message, errors: null, values: null };
  return data({ saved: null, errors: outcome.errors, values: outcome.values }, { status: outcome.status });
}

export default function MunicipalitySignIn() {
  const { municipality, values, hasSecret, configured, redirectUri, keyProblem } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <div className="prose-page">
      <p>
        <Link to={`/admin/kommuner/${municipality.id}`}>{municipality.name}</Link>
      </p>
      <h1>Inloggning med kommunens konto</h1>
      {actionData?.saved ? <Notice>{actionData.saved}</Notice> : null}
      {keyProblem ? (
        <p>
          <strong>Det går inte att spara en inloggning just nu.</strong> {keyProblem}
        </p>
      ) : null}
      <p>
        Med en egen inloggning (OpenID Connect, till exempel Microsoft Entra ID) loggar kommunens personal in med samma konto som i kommunens
        andra system. Kommunens inloggningstjänst står då också för den andra faktorn. Den som avaktiveras i Coachportalen kan inte logga in,
        vad inloggningstjänsten än säger.
      </p>
      <p>
        Skolor med Skolfederation eller en annan SAML-inloggning: <Link to={`/admin/kommuner/${municipality.id}/inloggning/saml`}>Inloggning via SAML</Link>.
      </p>
      <IdentityProviderForm values={actionData?.values ?? values} errors={actionData?.errors ?? null} hasSecret={hasSecret} redirectUri={redirectUri} busy={busy} />
      {configured ? (
        <section aria-labelledby="remove-heading" className="mt-10">
          <h2 id="remove-heading">Ta bort inloggningen</h2>
          <p>Kommunens personer loggar då in med lösenord eller länk via e-post. Den som saknar lösenord kan skapa ett med Glömt lösenordet.</p>
          <Form method="post">
            <input type="hidden" name="intent" value="remove" />
            <button type="submit" className="btn-secondary" disabled={busy}>
              Ta bort inloggningen
            </button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}
