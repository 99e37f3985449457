// SPDX-License-Identifier: EUPL-1.2
import { Form } from "@remix-run/react";

/** The admin's switch that extends the second-factor requirement from coordinators and admins to every role in a municipality. */
export function MunicipalitySecondFactorForm({ required, busy }: { required: boolean; busy: boolean }) {
  return (
    <section aria-labelledby="second-factor-heading" className="mt-10">
      <h2 id="second-factor-heading">Tvåstegsverifiering</h2>
      <p>
        Samordnare och administratörer behöver alltid tvåstegsverifiering när de loggar in med lösenord. Här kan du kräva det av
        alla i kommunen. Den som loggar in med kommunens eget konto (OpenID Connect eller SAML) får inte frågan: kommunens
        inloggning står för det andra steget.
      </p>
      <Form method="post">
        <input type="hidden" name="intent" value="second-factor" />
        <div className="field flex-row items-center gap-2">
          <input type="checkbox" id="f-mfaAllRoles" name="mfaAllRoles" value="ja" defaultChecked={required} key={String(required)} />
          <label htmlFor="f-mfaAllRoles">Kräv tvåstegsverifiering av alla roller i kommunen</label>
        </div>
        <button type="submit" className="btn-secondary" disabled={busy}>
          Spara inställningen
        </button>
      </Form>
    </section>
  );
}
