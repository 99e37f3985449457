// SPDX-License-Identifier: EUPL-1.2
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { CONTACT_LABELS, ContactCardFields, ContactCardMoveForms } from "~/components/ContactCards";
import { ErrorSummary, Notice } from "~/components/forms";
import { readForm } from "~/lib/form.server";
import { requireCoordinator } from "~/modules/access/permissions.server";
import { listContactCards, MAX_CONTACT_CARDS, submitContactCardForm } from "~/modules/municipalities/contact-cards.server";
import { getDb } from "~db/client.server";

export const meta: MetaFunction = () => [{ title: "Kontaktkort – Coachportalen" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireCoordinator({ request, context });
  return { municipalityName: user.municipalityName, maxCards: MAX_CONTACT_CARDS, cards: await listContactCards(getDb(), user.municipalityId) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireCoordinator({ request, context });
  const form = await readForm(request);
  const outcome = await submitContactCardForm(getDb(), { actor: user, municipalityId: user.municipalityId, form });
  const target = { intent: String(form.get("intent") ?? ""), id: String(form.get("id") ?? "") };
  if (outcome.ok) return { saved: true, errors: null, values: null, target };
  return data({ saved: false, errors: outcome.errors, values: outcome.values ?? null, target }, { status: outcome.status });
}

export default function ContactCardsPage() {
  const { municipalityName, maxCards, cards } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const addErrors = actionData?.target.intent === "add" ? actionData.errors : null;
  return (
    <div className="prose-page">
      <h1>Kontaktkort</h1>
      <p>
        Kontaktkorten visas för coacher och skolpersonal i {municipalityName} under <Link to="/lokalt">Lokalt hos oss</Link>, och där utbildningen hänvisar
        till vart man vänder sig. Skriv med ord som en coach förstår: vem, när man ska höra av sig och hur.
      </p>
      {actionData?.saved ? <Notice>Kontaktkorten är sparade.</Notice> : null}
      {actionData && !actionData.saved && actionData.target.intent !== "add" ? <ErrorSummary errors={actionData.errors} labels={CONTACT_LABELS} /> : null}

      <section aria-labelledby="cards-heading">
        <h2 id="cards-heading">Kommunens kontaktkort</h2>
        {cards.length === 0 ? <p>Det finns inga kontaktkort ännu.</p> : null}
        <ol className="!pl-0 !list-none">
          {cards.map((card, index) => {
            const own = actionData?.target.id === card.id && !actionData.saved ? actionData : null;
            return (
              <li key={card.id} className="card mb-4">
                <h3 className="!mt-0">{card.name}</h3>
                <Form method="post" noValidate aria-label={`Ändra ${card.name}`}>
                  <input type="hidden" name="intent" value="save" />
                  <input type="hidden" name="id" value={card.id} />
                  <ContactCardFields
                    idPrefix={`k-${card.id}`}
                    values={own?.values ?? { name: card.name, description: card.description, phone: card.phone ?? "", email: card.email ?? "", web: card.web ?? "", openingHours: card.openingHours ?? "" }}
                    errors={own?.errors ?? null}
                  />
                  <button type="submit" className="btn-primary mb-3" disabled={busy}>
                    Spara {card.name}
                  </button>
                </Form>
                <ContactCardMoveForms id={card.id} first={index === 0} last={index === cards.length - 1} busy={busy} />
              </li>
            );
          })}
        </ol>
      </section>

      <section aria-labelledby="add-heading" className="mt-8">
        <h2 id="add-heading">Lägg till ett kontaktkort</h2>
        {cards.length >= maxCards ? (
          <p>Kommunen har {maxCards} kontaktkort, så många som går. Ta bort ett för att lägga till ett nytt.</p>
        ) : (
          <>
            <ErrorSummary errors={addErrors} labels={CONTACT_LABELS} />
            <Form method="post" noValidate key={actionData?.saved ? cards.length : "add"}>
              <input type="hidden" name="intent" value="add" />
              <ContactCardFields idPrefix="f" values={addErrors ? (actionData?.values ?? {}) : {}} errors={addErrors} />
              <button type="submit" className="btn-primary" disabled={busy}>
                Lägg till
              </button>
            </Form>
          </>
        )}
      </section>
    </div>
  );
}
