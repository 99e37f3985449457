// SPDX-License-Identifier: EUPL-1.2
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { ErrorSummary, Field, Notice } from "~/components/forms";
import { DataTable } from "~/components/DataTable";
import { formatNumber } from "~/lib/dates";
import { readForm } from "~/lib/form.server";
import { fields, formValues, parseForm, type FieldErrors } from "~/lib/validation";
import { requireAdmin } from "~/modules/access/permissions.server";
import { createMunicipality, listMunicipalitiesWithCounts, MAX_SLUG_LENGTH, SLUG_PATTERN } from "~/modules/municipalities/municipalities.server";
import { getDb } from "~db/client.server";

export const meta: MetaFunction = () => [{ title: "Kommuner – Coachportalen" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireAdmin({ request, context });
  return { municipalities: await listMunicipalitiesWithCounts(getDb()) };
}

const schema = z.object({
  name: fields.text("kommunens namn", 100).pipe(z.string().min(2, "Fyll i kommunens namn.")),
  county: fields.text("länet", 100).pipe(z.string().min(2, "Fyll i vilket län kommunen ligger i.")),
  slug: z
    .string()
    .trim()
    .max(MAX_SLUG_LENGTH, `Kortnamnet får ha högst ${MAX_SLUG_LENGTH} tecken.`)
    .refine((slug) => slug === "" || SLUG_PATTERN.test(slug), "Kortnamnet får bara innehålla små bokstäver a–z, siffror och bindestreck.")
    .optional(),
});

const LABELS = { name: "Namn", county: "Län", slug: "Kortnamn" };

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = await requireAdmin({ request, context });
  const form = await readForm(request);
  const parsed = parseForm(schema, form);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values, created: null }, { status: 400 });

  const result = await createMunicipality(getDb(), { ...parsed.data, actorId: admin.id });
  if (result.status !== "created") {
    const message =
      result.status === "slug_taken"
        ? `Kortnamnet ”${result.slug}” används redan av en annan kommun. Välj ett annat kortnamn.`
        : "Det gick inte att göra ett kortnamn av namnet. Fyll i ett kortnamn med bokstäverna a–z.";
    const errors: FieldErrors = { slug: message };
    return data({ errors, values: formValues(form), created: null }, { status: 400 });
  }
  return { errors: null, values: null, created: { name: parsed.data.name, slug: result.slug } };
}

export default function AdminMunicipalities() {
  const { municipalities } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const errors = actionData?.errors ?? undefined;
  const values = actionData?.values ?? undefined;
  return (
    <div>
      <h1>Kommuner</h1>
      <ErrorSummary errors={errors} labels={LABELS} />
      {actionData?.created ? (
        <Notice>
          {actionData.created.name} är tillagd med kortnamnet ”{actionData.created.slug}”. Bjud in en samordnare under Användare.
        </Notice>
      ) : null}

      <section aria-labelledby="list-heading" className="mb-10">
        <h2 id="list-heading" className="mb-3">
          Alla kommuner
        </h2>
        {municipalities.length === 0 ? (
          <p>Inga kommuner ännu.</p>
        ) : (
          <DataTable label="Tabell över alla kommuner" caption="Alla kommuner">
            <thead>
              <tr>
                <th scope="col">Kommun</th>
                <th scope="col">Län</th>
                <th scope="col">Kortnamn</th>
                <th scope="col">Samordnare</th>
                <th scope="col">ANDTS-coacher</th>
              </tr>
            </thead>
            <tbody>
              {municipalities.map((m) => (
                <tr key={m.id}>
                  <th scope="row" className="font-normal">
                    <Link to={`/admin/kommuner/${m.id}`}>{m.name}</Link>
                  </th>
                  <td>{m.county}</td>
                  <td>
                    <code>{m.slug}</code>
                  </td>
                  <td>{formatNumber(m.counts.coordinators)}</td>
                  <td>{formatNumber(m.counts.coaches)}</td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        )}
      </section>

      <section aria-labelledby="add-heading" className="max-w-xl">
        <h2 id="add-heading" className="mb-3">
          Lägg till en kommun
        </h2>
        <Form method="post" noValidate key={actionData?.created?.slug}>
          <Field name="name" label={LABELS.name} required placeholder="Högsby kommun" defaultValue={values?.name ?? ""} error={errors?.name} />
          <Field name="county" label={LABELS.county} required placeholder="Kalmar län" defaultValue={values?.county ?? ""} error={errors?.county} />
          <Field
            name="slug"
            label={`${LABELS.slug} (frivilligt)`}
            hint="Används i webbadresser, till exempel /uppfoljning/hogsby. Lämna tomt så skapas det av namnet."
            autoComplete="off"
            spellCheck={false}
            defaultValue={values?.slug ?? ""}
            error={errors?.slug}
          />
          <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
            Lägg till kommunen
          </button>
        </Form>
      </section>
    </div>
  );
}
