// SPDX-License-Identifier: EUPL-1.2
// The municipality's profile and logo, as its coordinator (/samordnare/profil) and an admin
// (/admin/kommuner/:id) edit them: one form, so both see and check the same fields.
import { Form } from "@remix-run/react";
import { ErrorSummary, Field, TextArea } from "~/components/forms";
import type { FieldErrors } from "~/lib/validation";

export const PROFILE_LABELS: Record<string, string> = {
  officialName: "Kommunens officiella namn",
  contactName: "Kontaktperson",
  contactTitle: "Kontaktpersonens titel",
  contactEmail: "Kontaktpersonens e-postadress",
  contactPhone: "Kontaktpersonens telefonnummer",
  postalAddress: "Postadress",
  website: "Kommunens webbplats",
  emailSenderName: "Avsändarnamn i e-post",
  issuerName: "Utfärdarens namn på intyg",
  issuerTitle: "Utfärdarens titel på intyg",
  logo: "Logotyp",
};

interface Props {
  values: Record<string, string>;
  errors: FieldErrors | null;
  /** Which form the errors belong to. */
  errorsFor: "profile" | "logo" | null;
  logo: { url: string; alt: string } | null;
  busy: boolean;
}

export function MunicipalityProfileForm({ values, errors, errorsFor, logo, busy }: Props) {
  const profileErrors = errorsFor === "profile" ? errors : null;
  const logoErrors = errorsFor === "logo" ? errors : null;
  const field = (name: string, extra: Record<string, unknown> = {}) => (
    <Field name={name} label={PROFILE_LABELS[name]!} defaultValue={values[name] ?? ""} error={profileErrors?.[name]} {...extra} />
  );
  return (
    <>
      <section aria-labelledby="profile-heading">
        <h2 id="profile-heading">Uppgifter om kommunen</h2>
        <p>Uppgifterna visas i sidhuvudet för kommunens coacher och skolpersonal, på kommunens sidor för invånarna, i e-post och på intyg.</p>
        <ErrorSummary errors={profileErrors} labels={PROFILE_LABELS} />
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="profile" />
          {field("officialName", { required: true, autoComplete: "organization", hint: "Som kommunen skriver det, till exempel ”Högsby kommun”." })}
          <fieldset className="mb-4">
            <legend className="field-label">Kontaktperson för tjänsten</legend>
            {field("contactName", { autoComplete: "name" })}
            {field("contactTitle", { autoComplete: "organization-title" })}
            {field("contactEmail", { type: "email", autoComplete: "email" })}
            {field("contactPhone", { type: "tel", autoComplete: "tel", hint: "Till exempel 0491-290 00." })}
          </fieldset>
          <TextArea name="postalAddress" label={PROFILE_LABELS.postalAddress!} defaultValue={values.postalAddress ?? ""} error={profileErrors?.postalAddress} rows={3} />
          {field("website", { type: "url", hint: "Hela adressen, till exempel https://www.hogsby.se." })}
          {field("emailSenderName", { hint: "Namnet mottagarna ser som avsändare, till exempel ”Högsby kommun – ANDTS-coacher”." })}
          <fieldset className="mb-4">
            <legend className="field-label">Utfärdare på intyg</legend>
            <p className="field-hint">Namnet och titeln som står under intyget, till exempel ”Sara Samordnare, ANDTS-samordnare”.</p>
            {field("issuerName")}
            {field("issuerTitle")}
          </fieldset>
          <button type="submit" className="btn-primary" disabled={busy}>
            Spara uppgifterna
          </button>
        </Form>
      </section>

      <section aria-labelledby="logo-heading" className="mt-10">
        <h2 id="logo-heading">Logotyp</h2>
        {logo ? (
          <p>
            <img src={logo.url} alt={logo.alt} className="max-h-24 max-w-xs border border-gray-200 bg-white p-2" />
          </p>
        ) : (
          <p>Kommunen har ingen logotyp här ännu.</p>
        )}
        <ErrorSummary errors={logoErrors} labels={PROFILE_LABELS} />
        <Form method="post" encType="multipart/form-data" noValidate>
          <input type="hidden" name="intent" value="logo" />
          <Field
            name="logo"
            type="file"
            label={logo ? "Byt logotyp" : "Ladda upp en logotyp"}
            accept="image/png,image/jpeg,image/svg+xml"
            hint="PNG, JPEG eller SVG, högst 1 MB. Bilden sparas om av portalen; i en SVG tas skript, länkar och allt som hämtar något utifrån bort."
            error={logoErrors?.logo}
          />
          <button type="submit" className="btn-secondary" disabled={busy}>
            Spara logotypen
          </button>
        </Form>
        {logo ? (
          <Form method="post" className="mt-3">
            <input type="hidden" name="intent" value="remove-logo" />
            <button type="submit" className="btn-secondary" disabled={busy}>
              Ta bort logotypen
            </button>
          </Form>
        ) : null}
      </section>
    </>
  );
}
