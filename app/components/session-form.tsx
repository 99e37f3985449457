// SPDX-License-Identifier: EUPL-1.2
// The coordinator's form for a session ("träff"), for creating one and for changing it. Dates
// and times are typed in Swedish time; the server turns them into instants (lib/dates).
import { Field, Select, TextArea } from "~/components/forms";
import type { FieldErrors } from "~/lib/validation";

export const SESSION_FIELD_LABELS: Record<string, string> = {
  step: "Träff",
  date: "Datum",
  start: "Börjar",
  end: "Slutar",
  place: "Plats",
  capacity: "Antal platser",
  deadline: "Sista dag för anmälan",
  partner: "Gemensam träff med",
  details: "Övrig information",
};

interface SessionFormFieldsProps {
  steps: Array<{ value: string; label: string }>;
  /** Shown instead of the step choice when the step is fixed (editing). */
  fixedStep?: { value: string; label: string };
  partners: Array<{ id: string; name: string }> | null;
  ownMunicipalityName: string;
  values: Record<string, string>;
  errors: FieldErrors | null | undefined;
}

export function SessionFormFields({ steps, fixedStep, partners, ownMunicipalityName, values, errors }: SessionFormFieldsProps) {
  const e = errors ?? {};
  return (
    <>
      {fixedStep ? (
        <>
          <input type="hidden" name="step" value={fixedStep.value} />
          <p className="mb-5">
            <span className="font-semibold">Träff:</span> {fixedStep.label}
          </p>
        </>
      ) : (
        <Select name="step" label={SESSION_FIELD_LABELS.step!} options={steps} defaultValue={values.step} error={e.step} required />
      )}
      <div className="grid gap-x-4 sm:grid-cols-3">
        <Field name="date" type="date" label={SESSION_FIELD_LABELS.date!} hint="ÅÅÅÅ-MM-DD" defaultValue={values.date} error={e.date} required />
        <Field name="start" type="time" label={SESSION_FIELD_LABELS.start!} hint="Svensk tid, TT:MM" defaultValue={values.start} error={e.start} required />
        <Field name="end" type="time" label={SESSION_FIELD_LABELS.end!} hint="Svensk tid, TT:MM" defaultValue={values.end} error={e.end} required />
      </div>
      <Field name="place" label={SESSION_FIELD_LABELS.place!} hint="Adress och lokal, till exempel Kommunhuset, Storgatan 1, sal B" defaultValue={values.place} error={e.place} required autoComplete="off" />
      <div className="grid gap-x-4 sm:grid-cols-2">
        <Field name="capacity" type="number" inputMode="numeric" min={1} max={500} label={SESSION_FIELD_LABELS.capacity!} defaultValue={values.capacity} error={e.capacity} required />
        <Field
          name="deadline"
          type="date"
          label={SESSION_FIELD_LABELS.deadline!}
          hint="Anmälan stänger när dagen är slut, eller när träffen börjar"
          defaultValue={values.deadline}
          error={e.deadline}
          required
        />
      </div>
      {partners ? (
        <Select
          name="partner"
          label={SESSION_FIELD_LABELS.partner!}
          hint="Kommunens samordnare får en förfrågan. När de har godkänt syns träffen för båda kommunernas coacher, och båda samordnarna kan ändra den och registrera närvaro."
          options={[{ value: "", label: `Ingen, bara ${ownMunicipalityName}` }, ...partners.map((p) => ({ value: p.id, label: p.name }))]}
          defaultValue={values.partner ?? ""}
          error={e.partner}
        />
      ) : null}
      <TextArea name="details" label={SESSION_FIELD_LABELS.details!} hint="Valfritt: till exempel om lunch ingår eller vad deltagarna ska ta med" defaultValue={values.details} error={e.details} />
    </>
  );
}
