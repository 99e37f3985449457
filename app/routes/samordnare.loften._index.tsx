// SPDX-License-Identifier: EUPL-1.2
// /samordnare/loften: the municipality's medborgarlöften, every version (drafts, published,
// replaced, ended), and a form to start a new one.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { DataTable } from "~/components/DataTable";
import { ErrorSummary, Field } from "~/components/forms";
import { readForm } from "~/lib/form.server";
import { requireCoordinator } from "~/modules/access/permissions.server";
import { createPromiseDraft } from "~/modules/promises/promise-editing.server";
import { periodState, promisesOfMunicipality } from "~/modules/promises/promises.server";
import { getDb } from "~db/client.server";

export const meta: MetaFunction = () => [{ title: "Medborgarlöfte – Coachportalen" }];

const PERIOD_LABELS = { upcoming: "Har inte börjat", ongoing: "Pågår", ended: "Avslutat" } as const;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireCoordinator({ request, context });
  const now = new Date();
  const promises = await promisesOfMunicipality(getDb(), user.municipalityId);
  return {
    municipalityName: user.municipalityName,
    promises: promises.map((p) => ({
      id: p.id,
      title: p.title,
      period: `${p.periodStart} – ${p.periodEnd}`,
      municipalities: p.municipalities.map((m) => m.name).join(", "),
      state: p.state === "draft" ? (p.replacesId ? "Utkast till rättelse" : "Utkast") : p.replacedById ? "Ersatt av en rättelse" : `Publicerat, ${PERIOD_LABELS[periodState(p, now)].toLowerCase()}`,
    })),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireCoordinator({ request, context });
  const form = await readForm(request);
  const title = form.get("title");
  const result = await createPromiseDraft(getDb(), { actor: user, title: typeof title === "string" ? title : "" });
  if (!result.ok) return data({ errors: result.errors, title: typeof title === "string" ? title : "" }, { status: result.status });
  return redirect(`/samordnare/loften/${result.id}?notis=skapat`);
}

export default function CoordinatorPromises() {
  const { municipalityName, promises } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  return (
    <div className="max-w-4xl">
      <h1>Medborgarlöfte</h1>
      <p className="mt-2 text-muted">
        Medborgarlöftena som {municipalityName} har gett tillsammans med polisen. Ett publicerat löfte visas för invånarna och ändras aldrig: rätta det i stället, så
        syns båda versionerna.
      </p>

      <section aria-labelledby="loften" className="mt-8">
        <h2 id="loften" className="mb-3">
          Löften
        </h2>
        {promises.length === 0 ? (
          <p>Det finns inget medborgarlöfte ännu. Börja med ett nytt nedan.</p>
        ) : (
          <DataTable label="Tabell över medborgarlöften" caption={`Medborgarlöften för ${municipalityName}`}>
            <thead>
              <tr>
                <th scope="col">Löfte</th>
                <th scope="col">Period</th>
                <th scope="col">Kommuner</th>
                <th scope="col">Läge</th>
              </tr>
            </thead>
            <tbody>
              {promises.map((p) => (
                <tr key={p.id}>
                  <td>
                    <Link to={`/samordnare/loften/${p.id}`}>{p.title}</Link>
                  </td>
                  <td className="whitespace-nowrap">{p.period}</td>
                  <td>{p.municipalities}</td>
                  <td>{p.state}</td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        )}
      </section>

      <section aria-labelledby="nytt" className="card mt-8 p-4">
        <h2 id="nytt">Nytt medborgarlöfte</h2>
        <p className="mt-1 text-muted">Du börjar med ett utkast som bara samordnarna ser. Perioden blir de två kommande kalenderåren; du kan ändra den.</p>
        <ErrorSummary errors={actionData?.errors} labels={{ title: "Titel" }} />
        <Form method="post" className="mt-3 space-y-4" noValidate>
          <Field name="title" label="Titel" defaultValue={actionData?.title ?? ""} error={actionData?.errors?.title} required maxLength={200} />
          <button type="submit" className="btn-primary" disabled={busy}>
            Skapa utkast
          </button>
        </Form>
      </section>
    </div>
  );
}
