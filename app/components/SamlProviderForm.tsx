// SPDX-License-Identifier: EUPL-1.2
// An admin's form for a municipality's SAML 2.0 identity provider (Skolfederation).
import { Form } from "@remix-run/react";
import { ErrorSummary, Field, TextArea } from "~/components/forms";
import { PROVIDER_LABELS, PolicyChoice } from "~/components/IdentityProviderForm";

export const SAML_LABELS: Record<string, string> = {
  ...PROVIDER_LABELS,
  metadataUrl: "Metadataadress",
  metadataXml: "Metadata (XML)",
  emailAttribute: "Attribut med e-postadressen",
  coordinatorAttribute: "Attribut för samordnare",
  coordinatorValue: "Attributvärde för samordnare",
};

export function SamlProviderForm({ values, errors, busy }: { values: Record<string, string>; errors: Record<string, string> | null; busy: boolean }) {
  return (
    <>
      <ErrorSummary errors={errors} labels={SAML_LABELS} />
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="save" />
        <Field name="metadataUrl" label={SAML_LABELS.metadataUrl!} type="url" spellCheck={false} autoComplete="off" hint="Identitetsleverantörens metadata. Hämtas igen en gång om dygnet." defaultValue={values.metadataUrl ?? ""} error={errors?.metadataUrl} />
        <TextArea name="metadataXml" label={SAML_LABELS.metadataXml!} spellCheck={false} hint="Eller klistra in metadatan här, om den inte har någon adress." defaultValue={values.metadataXml ?? ""} error={errors?.metadataXml} />
        <Field name="emailDomains" label={SAML_LABELS.emailDomains!} required spellCheck={false} hint="Till exempel skola.hogsby.se, åtskilda med kommatecken." defaultValue={values.emailDomains ?? ""} error={errors?.emailDomains} />
        <Field name="emailAttribute" label={SAML_LABELS.emailAttribute!} spellCheck={false} hint="Oftast mail: urn:oid:0.9.2342.19200300.100.1.3." defaultValue={values.emailAttribute ?? ""} error={errors?.emailAttribute} />
        <Field name="coordinatorAttribute" label={SAML_LABELS.coordinatorAttribute!} spellCheck={false} hint="Valfritt, till exempel eduPersonEntitlement (urn:oid:1.3.6.1.4.1.5923.1.1.1.7). Gäller bara den som får ett nytt konto." defaultValue={values.coordinatorAttribute ?? ""} error={errors?.coordinatorAttribute} />
        <Field name="coordinatorValue" label={SAML_LABELS.coordinatorValue!} spellCheck={false} hint="Värdet som gör någon till samordnare." defaultValue={values.coordinatorValue ?? ""} error={errors?.coordinatorValue} />
        <PolicyChoice policy={values.accountPolicy ?? "invited"} error={errors?.accountPolicy} />
        <button type="submit" className="btn-primary" disabled={busy}>
          Spara inloggningen via SAML
        </button>
      </Form>
    </>
  );
}
