// SPDX-License-Identifier: EUPL-1.2
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Notice } from "~/components/forms";
import { MunicipalityProfileForm } from "~/components/MunicipalityProfileForm";
import { readForm } from "~/lib/form.server";
import { requireCoordinator } from "~/modules/access/permissions.server";
import { getMunicipalityProfile, logoUrl, profileFormValues, submitProfileForm } from "~/modules/municipalities/profile.server";
import { getDb } from "~db/client.server";

export const meta: MetaFunction = () => [{ title: "Kommunens profil – Coachportalen" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireCoordinator({ request, context });
  const profile = await getMunicipalityProfile(getDb(), user.municipalityId);
  if (!profile) throw new Error(`the coordinator's municipality ${user.municipalityId} is missing`);
  return { profile: { slug: profile.slug, officialName: profile.officialName }, values: profileFormValues(profile), logo: logoUrl(profile) };
}

const SAVED = { profile: "Uppgifterna är sparade.", logo: "Logotypen är sparad.", "logo-removed": "Logotypen är borttagen." } as const;

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireCoordinator({ request, context });
  const form = await readForm(request, { upload: true });
  const outcome = await submitProfileForm(getDb(), { actor: user, municipalityId: user.municipalityId, form });
  if (outcome.kind === "saved") return { saved: SAVED[outcome.what], errors: null, errorsFor: null, values: null };
  const errorsFor = form.get("intent") === "logo" ? ("logo" as const) : ("profile" as const);
  return data({ saved: null, errors: outcome.errors, errorsFor, values: outcome.values }, { status: outcome.status });
}

export default function MunicipalityProfilePage() {
  const { profile, values, logo } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <div className="prose-page">
      <h1>Kommunens profil</h1>
      <p>
        Så presenteras {profile.officialName} i Coachportalen. Invånarna ser uppgifterna på <Link to={`/om/${profile.slug}`}>sidan om tjänsten</Link>.
      </p>
      <p>
        Kommunens lokala kunskap hör också hit: <Link to="/samordnare/kontakter">kontaktkorten</Link> och den{" "}
        <Link to="/samordnare/lokalt">lokala texten i utbildningen</Link>.
      </p>
      {actionData?.saved ? <Notice>{actionData.saved}</Notice> : null}
      <MunicipalityProfileForm
        values={actionData?.errorsFor === "profile" && actionData.values ? actionData.values : values}
        errors={actionData?.errors ?? null}
        errorsFor={actionData?.errorsFor ?? null}
        logo={logo ? { url: logo, alt: `${profile.officialName}s logotyp` } : null}
        busy={busy}
      />
    </div>
  );
}
