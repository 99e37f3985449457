// SPDX-License-Identifier: EUPL-1.2
// An admin's form for a municipality's own sign-in (OpenID Connect, e.g. Microsoft Entra ID).
import { Form } from "@remix-run/react";
import { ErrorSummary, Field } from "~/components/forms";

export const PROVIDER_LABELS: Record<string, string> = {
  issuer: "Utfärdarens adress (issuer)",
  clientId: "Klient-id",
  clientSecret: "Klienthemlighet",
  emailDomains: "Tillåtna e-postdomäner",
  emailAttribute: "Anspråk med e-postadressen",
  coordinatorAttribute: "Gruppanspråk för samordnare",
  coordinatorValue: "Gruppvärde för samordnare",
  accountPolicy: "Vem får logga in",
};

const POLICIES = [
  { value: "invited", label: "Bara den som har ett konto eller en inbjudan (rekommenderas)" },
  { value: "domain", label: "Alla med en adress i de tillåtna domänerna: de får ett konto som ANDTS-coach första gången" },
];

export function IdentityProviderForm({
  values,
  errors,
  hasSecret,
  redirectUri,
  busy,
}: {
  values: Record<string, string>;
  errors: Record<string, string> | null;
  hasSecret: boolean;
  redirectUri: string;
  busy: boolean;
}) {
  const policy = values.accountPolicy ?? "invited";
  return (
    <>
      <ErrorSummary errors={errors} labels={PROVIDER_LABELS} />
      <p>
        Registrera Coachportalen hos kommunens inloggningstjänst med omdirigeringsadressen <code className="break-all">{redirectUri}</code> och
        behörigheterna <code>openid email profile</code>.
      </p>
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="save" />
        <Field name="issuer" label={PROVIDER_LABELS.issuer!} required spellCheck={false} autoComplete="off" hint="Till exempel https://login.microsoftonline.com/<katalog-id>/v2.0" defaultValue={values.issuer ?? ""} error={errors?.issuer} />
        <Field name="clientId" label={PROVIDER_LABELS.clientId!} required spellCheck={false} autoComplete="off" defaultValue={values.clientId ?? ""} error={errors?.clientId} />
        <Field
          name="clientSecret"
          label={PROVIDER_LABELS.clientSecret!}
          type="password"
          autoComplete="new-password"
          required={!hasSecret}
          hint={hasSecret ? "En hemlighet är sparad (krypterad). Lämna fältet tomt för att behålla den." : "Sparas krypterad."}
          error={errors?.clientSecret}
        />
        <Field name="emailDomains" label={PROVIDER_LABELS.emailDomains!} required spellCheck={false} hint="Till exempel hogsby.se, åtskilda med kommatecken." defaultValue={values.emailDomains ?? ""} error={errors?.emailDomains} />
        <Field name="emailAttribute" label={PROVIDER_LABELS.emailAttribute!} spellCheck={false} hint="Oftast email. För Entra ID ibland preferred_username." defaultValue={values.emailAttribute ?? "email"} error={errors?.emailAttribute} />
        <Field name="coordinatorAttribute" label={PROVIDER_LABELS.coordinatorAttribute!} spellCheck={false} hint="Valfritt, till exempel groups. Gäller bara den som får ett nytt konto." defaultValue={values.coordinatorAttribute ?? ""} error={errors?.coordinatorAttribute} />
        <Field name="coordinatorValue" label={PROVIDER_LABELS.coordinatorValue!} spellCheck={false} hint="Gruppens id eller namn som gör någon till samordnare." defaultValue={values.coordinatorValue ?? ""} error={errors?.coordinatorValue} />
        <PolicyChoice policy={policy} error={errors?.accountPolicy} />
        <button type="submit" className="btn-primary" disabled={busy}>
          Spara inloggningen
        </button>
      </Form>
    </>
  );
}

/** Who gets an account on first sign-in: the same choice for every kind of provider. */
export function PolicyChoice({ policy, error }: { policy: string; error?: string }) {
  return (
    <fieldset className="field" aria-describedby={error ? "accountPolicy-error" : undefined}>
      <legend className="field-label">{PROVIDER_LABELS.accountPolicy}</legend>
      {error ? (
        <p id="accountPolicy-error" className="field-error">
          {error}
        </p>
      ) : null}
      {POLICIES.map((option, index) => (
        <label key={option.value} className="flex min-h-11 items-center gap-2">
          <input type="radio" name="accountPolicy" value={option.value} id={index === 0 ? "accountPolicy" : `accountPolicy-${option.value}`} defaultChecked={policy === option.value} />
          {option.label}
        </label>
      ))}
    </fieldset>
  );
}
