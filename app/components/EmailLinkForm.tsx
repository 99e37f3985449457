// SPDX-License-Identifier: EUPL-1.2
// The form of the two pages that send a link by email (/glomt-losenord, /logga-in/lank). Both
// answer the same whether the address has an account or not, so the notice says "om adressen
// finns hos oss": the page must not tell who has an account.
import { Form, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { ErrorSummary, Field, Notice } from "~/components/forms";

interface EmailLinkResult {
  sent: boolean;
  errors?: Record<string, string>;
  values?: Record<string, string>;
}

export function EmailLinkForm({
  result,
  intro,
  validFor,
  back,
}: {
  /** The action's answer, if the form was sent. */
  result: EmailLinkResult | undefined;
  intro: ReactNode;
  /** How long the link works, as in "Länken gäller i en timme". */
  validFor: string;
  back: ReactNode;
}) {
  const navigation = useNavigation();
  const errors = result?.errors;
  return (
    <>
      {result?.sent ? (
        <Notice>
          Om adressen finns hos oss har vi skickat en länk till {result.values?.email}. Länken gäller i {validFor} och fungerar en gång. Hittar du inget
          meddelande, titta i skräpposten.
        </Notice>
      ) : (
        <p className="mb-6 text-muted">{intro}</p>
      )}
      <ErrorSummary errors={errors} labels={{ email: "E-postadress" }} />
      <Form method="post" noValidate>
        <Field
          name="email"
          label="E-postadress"
          type="email"
          autoComplete="username"
          inputMode="email"
          required
          defaultValue={result?.values?.email ?? ""}
          error={errors?.email}
        />
        <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
          {result?.sent ? "Skicka länken igen" : "Skicka länk"}
        </button>
      </Form>
      <p className="mt-8">{back}</p>
    </>
  );
}
