// SPDX-License-Identifier: EUPL-1.2
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ErrorSummary, Field, Notice } from "~/components/forms";
import { CoordinatorInvitations } from "~/components/CoordinatorInvitations";
import { MunicipalityProfileForm } from "~/components/MunicipalityProfileForm";
import { MunicipalitySecondFactorForm } from "~/components/MunicipalitySecondFactorForm";
import { formatDate } from "~/lib/dates";
import { readForm } from "~/lib/form.server";
import { notFound, requireAdmin } from "~/modules/access/permissions.server";
import { municipalityRequiresSecondFactor } from "~/modules/auth/second-factor.server";
import { getMunicipalityProfile, logoUrl, profileFormValues, submitAdminMunicipalityForm } from "~/modules/municipalities/profile.server";
import { pendingCoordinatorInvitations } from "~/modules/municipalities/coordinator-invitations.server";
import { getMunicipality } from "~/modules/municipalities/municipalities.server";
import { getDb } from "~db/client.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.municipality.name} – Kommuner – Coachportalen` : "Kommun – Coachportalen" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  await requireAdmin({ request, context });
  const db = getDb();
  const [municipality, profile] = await Promise.all([getMunicipality(db, params.id ?? ""), getMunicipalityProfile(db, params.id ?? "")]);
  if (!municipality || !profile) notFound("Kommunen finns inte.");
  const invitations = await pendingCoordinatorInvitations(db, municipality.id);
  const mfaAllRoles = await municipalityRequiresSecondFactor(db, municipality.id);
  return { municipality, deactivatedAt: profile.deactivatedAt, officialName: profile.officialName, values: profileFormValues(profile), logo: logoUrl(profile), invitations, mfaAllRoles };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const admin = await requireAdmin({ request, context });
  const form = await readForm(request, { upload: true });
  const outcome = await submitAdminMunicipalityForm(getDb(), { actor: admin, municipalityId: params.id ?? "", form });
  if (outcome.kind === "errors" && outcome.status === 404) notFound("Kommunen finns inte.");
  if (outcome.kind === "saved") return { saved: outcome.message, errors: null, form: null, values: null };
  return data({ saved: null, errors: outcome.errors, form: outcome.form, values: outcome.values }, { status: outcome.status });
}

const LABELS = { name: "Namn", county: "Län", slug: "Kortnamn" };

export default function AdminMunicipality() {
  const { municipality, deactivatedAt, officialName, values, logo, invitations, mfaAllRoles } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const own = actionData?.form === "municipality" ? actionData : null;
  const entered = own?.values ?? municipality;
  return (
    <div className="prose-page">
      <p>
        <Link to="/admin/kommuner">Alla kommuner</Link>
      </p>
      <h1>{municipality.name}</h1>
      {actionData?.saved ? <Notice>{actionData.saved}</Notice> : null}
      {deactivatedAt ? (
        <p>
          <strong>Avaktiverad {formatDate(deactivatedAt)}.</strong> Kommunens personer kan inte logga in. Uppföljningen för invånarna finns kvar.
        </p>
      ) : null}

      <section aria-labelledby="name-heading">
        <h2 id="name-heading">Namn och adress</h2>
        <ErrorSummary errors={own?.errors} labels={LABELS} />
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="municipality" />
          <Field name="name" label={LABELS.name} required defaultValue={entered.name ?? ""} error={own?.errors?.name} />
          <Field name="county" label={LABELS.county} required defaultValue={entered.county ?? ""} error={own?.errors?.county} />
          <Field
            name="slug"
            label={LABELS.slug}
            required
            spellCheck={false}
            autoComplete="off"
            hint={`Används i webbadresser, till exempel /uppfoljning/${municipality.slug}. Ändras det leder de gamla adresserna hit.`}
            defaultValue={entered.slug ?? ""}
            error={own?.errors?.slug}
          />
          <button type="submit" className="btn-primary" disabled={busy}>
            Spara namn och adress
          </button>
        </Form>
      </section>

      <p>
        <Link to={`/admin/kommuner/${municipality.id}/inloggning`}>Inloggning med kommunens konto</Link>
      </p>

      <CoordinatorInvitations
        invitations={invitations}
        errors={actionData?.form === "invitation" ? actionData.errors : null}
        values={actionData?.form === "invitation" ? actionData.values : null}
        busy={busy}
        inactive={Boolean(deactivatedAt)}
      />

      <MunicipalityProfileForm
        values={actionData?.form === "profile" && actionData.values ? actionData.values : values}
        errors={actionData?.errors ?? null}
        errorsFor={actionData?.form === "profile" || actionData?.form === "logo" ? actionData.form : null}
        logo={logo ? { url: logo, alt: `${officialName}s logotyp` } : null}
        busy={busy}
      />

      <MunicipalitySecondFactorForm required={mfaAllRoles} busy={busy} />

      <section aria-labelledby="active-heading" className="mt-10">
        <h2 id="active-heading">{deactivatedAt ? "Aktivera kommunen igen" : "Avaktivera kommunen"}</h2>
        <p>
          {deactivatedAt
            ? "Kommunens personer kan logga in igen med sina konton, och samordnarna kan bjuda in."
            : "En kommun som slutar använda Coachportalen avaktiveras, den tas inte bort: uppgifterna finns kvar så länge lagen kräver, och uppföljningen för invånarna finns kvar. Kommunens personer loggas ut och kan inte logga in, och ingen kan bjudas in."}
        </p>
        <Form method="post">
          <input type="hidden" name="intent" value={deactivatedAt ? "reactivate" : "deactivate"} />
          <button type="submit" className={deactivatedAt ? "btn-primary" : "btn-secondary"} disabled={busy}>
            {deactivatedAt ? "Aktivera kommunen" : "Avaktivera kommunen"}
          </button>
        </Form>
      </section>
    </div>
  );
}

