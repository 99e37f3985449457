// SPDX-License-Identifier: EUPL-1.2
// A municipality's own sign-in by SAML 2.0 (Skolfederation, issue #18): an admin configures its IdP.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Notice } from "~/components/forms";
import { SamlProviderForm } from "~/components/SamlProviderForm";
import { readForm } from "~/lib/form.server";
import { can, forbidden, notFound, requireUser } from "~/modules/access/permissions.server";
import { removeIdentityProvider, samlProviderFormValues, saveSamlProvider } from "~/modules/auth/identity-providers.server";
import { samlAcsUrl, samlEntityId } from "~/modules/auth/saml.server";
import { getMunicipality } from "~/modules/municipalities/municipalities.server";
import { getDb } from "~db/client.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Inloggning via SAML – ${data.municipality.name} – Coachportalen` : "Inloggning via SAML – Coachportalen" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireUser({ request, context });
  if (!can.configureSignIn(actor)) forbidden();
  const db = getDb();
  const municipality = await getMunicipality(db, params.id ?? "");
  if (!municipality) notFound("Kommunen finns inte.");
  const provider = await samlProviderFormValues(db, municipality.id);
  return { municipality, ...provider, spEntityId: samlEntityId(), acsUrl: samlAcsUrl() };
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
    const removed = await removeIdentityProvider(db, { actorId: admin.id, municipalityId: municipality.id, kind: "saml" });
    if (!removed) return data({ saved: null, errors: { form: "Kommunen har ingen inloggning via SAML att ta bort." }, values: null }, { status: 400 });
    return { saved: "Inloggningen via SAML är borttagen.", errors: null, values: null };
  }
  if (intent !== "save") return data({ saved: null, errors: { form: "Formuläret gick inte att förstå. Ladda om sidan och försök igen." }, values: null }, { status: 400 });
  const outcome = await saveSamlProvider(db, { actorId: admin.id, municipalityId: municipality.id, form });
  if (outcome.kind === "saved") return { saved: outcome.message, errors: null, values: null };
  return data({ saved: null, errors: outcome.errors, values: outcome.values }, { status: outcome.status });
}

export default function MunicipalitySamlSignIn() {
  const { municipality, values, configured, entityId, spEntityId, acsUrl } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <div className="prose-page">
      <p>
        <Link to={`/admin/kommuner/${municipality.id}/inloggning`}>Inloggning med kommunens konto</Link>
      </p>
      <h1>Inloggning via SAML</h1>
      {actionData?.saved ? <Notice>{actionData.saved}</Notice> : null}
      <p>
        Skolor som använder Skolfederation (eller en annan SAML 2.0-identitetsleverantör) kan logga in med sina skolkonton. Identitetsleverantören
        står då för den andra faktorn. Den som avaktiveras i Coachportalen kan inte logga in, vad identitetsleverantören än säger.
      </p>
      <p>
        Registrera Coachportalen med metadatan på <a href={spEntityId} className="break-all">{spEntityId}</a> (entitets-id detsamma). Svaren tas emot
        på <code className="break-all">{acsUrl}</code>. Påståendena måste vara signerade.
      </p>
      {entityId ? (
        <p>
          Sparad identitetsleverantör: <code className="break-all">{entityId}</code>
        </p>
      ) : null}
      <SamlProviderForm values={actionData?.values ?? values} errors={actionData?.errors ?? null} busy={busy} />
      {configured ? (
        <section aria-labelledby="remove-heading" className="mt-10">
          <h2 id="remove-heading">Ta bort inloggningen via SAML</h2>
          <Form method="post">
            <input type="hidden" name="intent" value="remove" />
            <button type="submit" className="btn-secondary" disabled={busy}>
              Ta bort inloggningen via SAML
            </button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}
