// SPDX-License-Identifier: EUPL-1.2
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorSummary, Field } from "~/components/forms";
import { readForm } from "~/lib/form.server";
import { checkUploadedCredential, MAX_CREDENTIAL_BYTES, type CheckedCredential } from "~/modules/certification/open-badges/verify-upload.server";
import { certificateCodeProblem, normalizeCertificateCode } from "~/modules/certification/rules";
import { getDb } from "~db/client.server";

export const meta: MetaFunction = () => [{ title: "Kontrollera ett intyg – Coachportalen" }];

const CODE_HINT = "Koden står på intyget och har 12 tecken, till exempel K7QM-3XHD-P9TA.";

// Public: anyone who has been shown a certificate may check it. The form is sent with GET,
// so it works without JavaScript and the address of the answer can be shared.
export async function loader({ request }: LoaderFunctionArgs) {
  const typed = new URL(request.url).searchParams.get("kod");
  const maxFileKb = MAX_CREDENTIAL_BYTES / 1024;
  if (typed === null) return { errors: null, value: "", maxFileKb };
  const code = normalizeCertificateCode(typed);
  if (!code) {
    const message = certificateCodeProblem(typed) ?? "Skriv intygskoden.";
    return data({ errors: { kod: message }, value: typed.slice(0, 40), maxFileKb }, { status: 400 });
  }
  throw redirect(`/verifiera/${code}`);
}

// Public too: a digital credential (Open Badges) sent as a file. The answer is never kept: it names a person.
export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request, { upload: true, maxFields: 5 });
  const file = form.get("intyg");
  const outcome = await checkUploadedCredential(getDb(), file instanceof File ? file : null);
  const headers = { "Cache-Control": "no-store" };
  if (outcome.kind === "refused") return data({ ...outcome, errors: { intyg: outcome.message } }, { status: outcome.status, headers });
  return data({ ...outcome, errors: null }, { headers });
}

const HEADING: Record<CheckedCredential["status"], string> = {
  valid: "Det digitala intyget är äkta och giltigt",
  expired: "Det digitala intyget är äkta men har gått ut",
  revoked: "Det digitala intyget är äkta men återkallat",
};

function CheckedFile({ credential }: { credential: CheckedCredential }) {
  return (
    <section aria-labelledby="resultat" className="mt-8">
      <h2 id="resultat">{HEADING[credential.status]}</h2>
      <div className={`mt-4 rounded-md border-l-8 p-4 ${credential.status === "valid" ? "border-brand-600 bg-brand-50" : "border-danger bg-red-50"}`}>
        <p className="text-lg font-semibold">Signaturen stämmer. Status: {credential.statusLabel}</p>
        <p className="mt-1">Filen har inte ändrats sedan den utfärdades, och statusen är läst från utfärdarens lista över återkallade intyg nu.</p>
      </div>
      <dl className="mt-6 grid grid-cols-1 gap-x-6 gap-y-1 sm:grid-cols-[auto_1fr]">
        <dt className="font-semibold">Namn</dt>
        <dd>{credential.holderName ?? "–"}</dd>
        <dt className="font-semibold">Intyget gäller</dt>
        <dd>{credential.achievementName ?? "–"}</dd>
        <dt className="font-semibold">Utfärdat av</dt>
        <dd>{credential.issuerName ?? "–"}</dd>
        <dt className="font-semibold">Gäller från</dt>
        <dd>{credential.validFrom ?? "–"}</dd>
        <dt className="font-semibold">Gäller till och med</dt>
        <dd>{credential.validThrough ?? "–"}</dd>
      </dl>
    </section>
  );
}

export default function VerifyForm() {
  const { errors, value, maxFileKb } = useLoaderData<typeof loader>();
  const checked = useActionData<typeof action>();
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

      <section aria-labelledby="digitalt-intyg" className="mt-10">
        <h2 id="digitalt-intyg">Kontrollera ett digitalt intyg (Open Badges)</h2>
        <p className="mt-2 mb-4">
          Har du fått intyget som en fil (intyg-….json)? Välj filen, så kontrollerar vi att signaturen stämmer, vem som utfärdade intyget, vad det
          gäller och om det gäller i dag. Filen sparas inte.
        </p>
        <ErrorSummary errors={checked?.errors} labels={{ intyg: "Fil med digitalt intyg" }} />
        <Form method="post" encType="multipart/form-data" noValidate>
          <Field
            name="intyg"
            label="Fil med digitalt intyg"
            hint={`En JSON-fil på högst ${maxFileKb} kB.`}
            type="file"
            accept=".json,application/json,application/ld+json"
            error={checked?.errors?.intyg}
            required
          />
          <button type="submit" className="btn-primary">
            Granska filen
          </button>
        </Form>
        {checked?.kind === "verified" ? <CheckedFile credential={checked.credential} /> : null}
        {checked?.kind === "not_verified" ? (
          <section aria-labelledby="resultat" className="mt-8">
            <h2 id="resultat">Intyget kunde inte bekräftas</h2>
            <div className="mt-4 rounded-md border-l-8 border-danger bg-red-50 p-4">
              <p className="font-semibold">{checked.message}</p>
            </div>
          </section>
        ) : null}
      </section>
    </div>
  );
}
