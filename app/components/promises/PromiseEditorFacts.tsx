// SPDX-License-Identifier: EUPL-1.2
// The draft's facts: title, police area, period, signing day, reports promised, the promise's
// own words about reporting, and the municipalities it covers (the coordinator's own always).
import { Form } from "@remix-run/react";
import { Field, TextArea } from "~/components/forms";
import { fieldIds, type EditorActionData, type EditorPromise } from "./PromiseEditorTypes";

interface Props {
  promise: EditorPromise;
  municipalities: Array<{ id: string; name: string }>;
  ownMunicipalityId: string;
  answer: EditorActionData | undefined;
  busy: boolean;
}

export function PromiseEditorFacts({ promise, municipalities, ownMunicipalityId, answer, busy }: Props) {
  // Publication names missing facts: its error summary links to these fields.
  const f = fieldIds(answer?.intent === "publish" ? { ...answer, intent: "facts", values: {} } : answer, "facts", "");
  const chosen = new Set(promise.municipalities.map((m) => m.id));
  const legendError = f.errors.municipalityIds;
  return (
    <section aria-labelledby="uppgifter" className="card mt-8 p-4">
      <h2 id="uppgifter">Uppgifter om löftet</h2>
      <Form method="post" className="mt-3 space-y-4" noValidate>
        <input type="hidden" name="intent" value="facts" />
        <Field id={f.id("title")} name="title" label="Titel" defaultValue={f.value("title", promise.title)} error={f.errors.title} required maxLength={200} />
        <Field
          id={f.id("policeArea")}
          name="policeArea"
          label="Polisområde"
          hint="Till exempel Lokalpolisområde Västervik."
          defaultValue={f.value("policeArea", promise.policeArea)}
          error={f.errors.policeArea}
          maxLength={200}
        />
        <div className="grid gap-4 sm:grid-cols-2">
          <Field id={f.id("periodStart")} name="periodStart" type="date" label="Första dagen" defaultValue={f.value("periodStart", promise.periodStart)} error={f.errors.periodStart} required />
          <Field id={f.id("periodEnd")} name="periodEnd" type="date" label="Sista dagen" defaultValue={f.value("periodEnd", promise.periodEnd)} error={f.errors.periodEnd} required />
        </div>
        <Field id={f.id("signedOn")} name="signedOn" type="date" label="Undertecknat" hint="Dagen då löftet skrevs under." defaultValue={f.value("signedOn", promise.signedOn)} error={f.errors.signedOn} />
        <Field
          id={f.id("promisedReports")}
          name="promisedReports"
          inputMode="numeric"
          label="Antal rapporter till invånarna"
          hint="Hur många gånger under perioden löftet lovar att redovisa resultaten."
          defaultValue={f.value("promisedReports", promise.promisedReports)}
          error={f.errors.promisedReports}
          className="max-w-xs"
        />
        <TextArea
          id={f.id("reportingWording")}
          name="reportingWording"
          label="Löftets ord om rapporteringen (valfritt)"
          hint="Ord för ord ur det undertecknade löftet."
          defaultValue={f.value("reportingWording", promise.reportingWording)}
          error={f.errors.reportingWording}
        />
        <fieldset aria-describedby={legendError ? "kommuner-fel" : undefined}>
          <legend className="field-label">Kommuner som löftet gäller</legend>
          {legendError ? (
            <p id="kommuner-fel" className="field-error">
              <span className="sr-only">Fel: </span>
              {legendError}
            </p>
          ) : null}
          <ul className="mt-2 space-y-1">
            {municipalities.map((m) => (
              <li key={m.id}>
                <label className="inline-flex items-center gap-2">
                  {m.id === ownMunicipalityId ? (
                    <>
                      <input type="checkbox" defaultChecked disabled />
                      <input type="hidden" name="municipalityIds" value={m.id} />
                      {m.name} (din kommun, alltid med)
                    </>
                  ) : (
                    <>
                      <input id={m === municipalities.find((x) => x.id !== ownMunicipalityId) ? f.id("municipalityIds") : undefined} type="checkbox" name="municipalityIds" value={m.id} defaultChecked={chosen.has(m.id)} />
                      {m.name}
                    </>
                  )}
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
        <button type="submit" className="btn-primary" disabled={busy}>
          Spara uppgifterna
        </button>
      </Form>
    </section>
  );
}
