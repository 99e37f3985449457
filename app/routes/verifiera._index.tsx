// SPDX-License-Identifier: EUPL-1.2
import { data, redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { ErrorSummary, Field } from "~/components/forms";
import { normalizeCertificateCode } from "~/modules/certification/rules";

export const meta: MetaFunction = () => [{ title: "Kontrollera ett intyg – Coachportalen" }];

const CODE_HINT = "Koden står på intyget och har 12 tecken, till exempel K7QM-3XHD-P9TA.";

// Public: anyone who has been shown a certificate may check it. The form is sent with GET,
// so it works without JavaScript and the address of the answer can be shared.
export async function loader({ request }: LoaderFunctionArgs) {
  const typed = new URL(request.url).searchParams.get("kod");
  if (typed === null) return { errors: null, value: "" };
  const code = normalizeCertificateCode(typed);
  if (!code) {
    const message = typed.trim() ? `Koden ska ha 12 tecken: bokstäver och siffror. ${CODE_HINT}` : "Skriv intygskoden.";
    return data({ errors: { kod: message }, value: typed.slice(0, 40) }, { status: 400 });
  }
  throw redirect(`/verifiera/${code}`);
}

export default function VerifyForm() {
  const { errors, value } = useLoaderData<typeof loader>();
  return (
    <div className="max-w-xl">
      <h1>Kontrollera ett intyg</h1>
      <p className="mt-2 mb-6">
        Här kan du se om ett intyg från Coachportalen gäller. Du ser namnet på intyget, utbildningen, kommunen och datumen, och om intyget är
        giltigt, har gått ut eller har återkallats.
      </p>
      <ErrorSummary errors={errors} labels={{ kod: "Intygskod" }} />
      <Form method="get" noValidate>
        <Field
          name="kod"
          label="Intygskod"
          hint={CODE_HINT}
          defaultValue={value}
          error={errors?.kod}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          required
        />
        <button type="submit" className="btn-primary">
          Kontrollera
        </button>
      </Form>
    </div>
  );
}
