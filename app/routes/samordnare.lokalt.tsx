// SPDX-License-Identifier: EUPL-1.2
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ErrorSummary, Notice, TextArea } from "~/components/forms";
import { CharacterCount } from "~/components/CharacterCount";
import { formatDateTime } from "~/lib/dates";
import { readForm } from "~/lib/form.server";
import { requireCoordinator } from "~/modules/access/permissions.server";
import { LOCAL_SLOTS } from "~/content/local-slots";
import { localTextSources, MAX_LOCAL_TEXT, submitLocalText } from "~/modules/municipalities/local-text.server";
import { getDb } from "~db/client.server";

export const meta: MetaFunction = () => [{ title: "Lokal text i utbildningen – Coachportalen" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireCoordinator({ request, context });
  const sources = await localTextSources(getDb(), user.municipalityId);
  return {
    municipalityName: user.municipalityName,
    maxLength: MAX_LOCAL_TEXT,
    slots: Object.entries(LOCAL_SLOTS).map(([slot, about]) => ({ slot, ...about, text: sources[slot as keyof typeof LOCAL_SLOTS]?.text ?? "", updatedAt: sources[slot as keyof typeof LOCAL_SLOTS]?.updatedAt ?? null })),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireCoordinator({ request, context });
  const outcome = await submitLocalText(getDb(), { actor: user, municipalityId: user.municipalityId, form: await readForm(request) });
  if (outcome.kind === "errors") return data(outcome, { status: outcome.status });
  return outcome;
}

export default function LocalTextPage() {
  const { municipalityName, maxLength, slots } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <div className="prose-page">
      <h1>Lokal text i utbildningen</h1>
      <p>
        På några ställen i utbildningen och materialen står det vad som gäller hos er. Det du skriver här visas där för coacher och skolpersonal i{" "}
        {municipalityName}, märkt ”Lokalt i {municipalityName}”. Står det inget visas en hänvisning till <Link to="/samordnare/kontakter">kontaktkorten</Link>.
      </p>
      <p>
        Du kan skriva stycken, punktlistor (rader som börjar med -), <strong>**fetstil**</strong> och länkar som [Kommunens e-tjänst](https://www.exempel.se).
        HTML fungerar inte.
      </p>
      {result?.kind === "saved" ? <Notice>Texten för ”{LOCAL_SLOTS[result.slot].title}” är sparad.</Notice> : null}
      {result?.kind === "errors" && result.errors.form ? <ErrorSummary errors={result.errors} /> : null}
      {slots.map((s) => {
        const own = result && result.slot === s.slot ? result : null;
        const text = own && own.kind !== "saved" ? own.text : s.text;
        const error = own?.kind === "errors" ? own.errors[`text-${s.slot}`] : undefined;
        return (
          <section key={s.slot} aria-labelledby={`h-${s.slot}`} className="card mb-6">
            <h2 id={`h-${s.slot}`} className="!mt-0">
              {s.title}
            </h2>
            <p className="text-sm text-muted">{s.updatedAt ? `Senast ändrad ${formatDateTime(s.updatedAt)}.` : "Ingen text ännu."}</p>
            {error ? <ErrorSummary errors={{ [`text-${s.slot}`]: error }} /> : null}
            <Form method="post" noValidate>
              <input type="hidden" name="slot" value={s.slot} />
              <TextArea id={`f-text-${s.slot}`} name="text" label="Text" hint={
                  <>
                    {s.hint} <CharacterCount fieldId={`f-text-${s.slot}`} max={maxLength} initialLength={text.length} />
                  </>
                }
                defaultValue={text} error={error} maxLength={maxLength} rows={6} key={`${s.slot}-${text}`} />
              <div className="flex flex-wrap gap-2">
                <button type="submit" name="intent" value="preview" className="btn-secondary" disabled={busy}>
                  Förhandsgranska
                </button>
                <button type="submit" name="intent" value="save" className="btn-primary" disabled={busy}>
                  Spara
                </button>
              </div>
            </Form>
            {own?.kind === "preview" ? (
              <div className="mt-4">
                <h3>Så här ser det ut</h3>
                <aside className="lokalt" aria-label={`Lokalt i ${municipalityName}`}>
                  <p className="lokalt-label">Lokalt i {municipalityName}</p>
                  <div dangerouslySetInnerHTML={{ __html: own.html }} />
                </aside>
              </div>
            ) : null}
          </section>
        );
      })}
    </div>
  );
}
