// SPDX-License-Identifier: EUPL-1.2
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { ErrorSummary, Notice, TextArea } from "~/components/forms";
import { CharacterCount } from "~/components/CharacterCount";
import { getContent } from "~/content/content.server";
import { formatDate, formatLocalDate } from "~/lib/dates";
import { readForm } from "~/lib/form.server";
import { parseForm, type FieldErrors } from "~/lib/validation";
import { notFound, requireCoordinator, type CoordinatorUser } from "~/modules/access/permissions.server";
import {
  getCertificateForRevocation,
  REVOCATION_REASON_MAX,
  REVOCATION_REASON_MIN,
  revocationReason,
  revokeCertificate,
} from "~/modules/certification/certification.server";
import { CERTIFICATE_STATUS_LABELS, certificateStatus, lastValidDay } from "~/modules/certification/rules";
import { getDb } from "~db/client.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Intyg för ${data?.holder.name ?? "en coach"} – Coachportalen` }];

const idSchema = z.string().regex(/^[a-z0-9]{1,64}$/);

/** The certificate if it was issued in the coordinator's municipality; 404 otherwise, so that others' do not show. */
async function visibleCertificate(user: CoordinatorUser, id: string | undefined) {
  const parsed = idSchema.safeParse(id);
  if (!parsed.success) notFound("Intyget finns inte.");
  const certificate = await getCertificateForRevocation(getDb(), { certificateId: parsed.data, actor: user });
  if (!certificate) notFound("Intyget finns inte.");
  return certificate;
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireCoordinator({ request, context });
  const certificate = await visibleCertificate(user, params.id);
  const status = certificateStatus({ expires_at: certificate.expiresAt, revoked_at: certificate.revokedAt });
  return {
    holder: { id: certificate.userId, name: certificate.holderName },
    reasonLength: { min: REVOCATION_REASON_MIN, max: REVOCATION_REASON_MAX },
    certificate: {
      trackTitle: getContent().tracks.find((t) => t.slug === certificate.track)?.title ?? certificate.track,
      code: certificate.code,
      municipalityName: certificate.municipalityName,
      status,
      statusLabel: CERTIFICATE_STATUS_LABELS[status],
      issuedOn: formatDate(certificate.issuedAt),
      validThrough: formatLocalDate(lastValidDay(certificate.expiresAt)),
      renewal: certificate.renewsId !== null,
      revoked: certificate.revokedAt ? { on: formatDate(certificate.revokedAt), by: certificate.revokedByName, reason: certificate.revokedReason } : null,
    },
  };
}

const revokeSchema = z.object({
  reason: revocationReason,
  confirm: z.literal("ja", { error: "Kryssa i rutan för att bekräfta att intyget ska återkallas." }),
});

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireCoordinator({ request, context });
  const certificate = await visibleCertificate(user, params.id);
  const parsed = parseForm(revokeSchema, await readForm(request));
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values, done: null }, { status: 400 });
  const result = await revokeCertificate(getDb(), { certificateId: certificate.id, actor: user, reason: parsed.data.reason, content: getContent() });
  if (result.status === "not_found") notFound("Intyget finns inte.");
  if (result.status === "invalid_reason") {
    const errors: FieldErrors = { reason: result.message };
    return data({ errors, values: { reason: parsed.data.reason } as Record<string, string>, done: null }, { status: 400 });
  }
  return { errors: null, values: null, done: result.status };
}

const DONE_TEXT = {
  revoked: "Intyget är återkallat. Kontrollsidan visar nu att det är återkallat, innehavaren har fått ett mejl med ditt skäl, och återkallelsen finns i loggen.",
  already_revoked: "Intyget var redan återkallat.",
} as const;

export default function CoordinatorCertificate() {
  const { holder, certificate, reasonLength } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const errors = actionData?.errors ?? undefined;
  return (
    <div className="prose-page">
      <p className="mb-4">
        <Link to={`/samordnare/coacher/${holder.id}`}>Tillbaka till {holder.name}</Link>
      </p>
      <h1>Intyg för {holder.name}</h1>
      {actionData?.done ? <Notice>{DONE_TEXT[actionData.done]}</Notice> : null}

      <section aria-labelledby="intyg-uppgifter">
        <h2 id="intyg-uppgifter">Uppgifter</h2>
        <dl className="grid grid-cols-1 gap-x-6 gap-y-1 sm:grid-cols-[auto_1fr]">
          <dt className="font-semibold">Utbildning</dt>
          <dd>{certificate.trackTitle}</dd>
          <dt className="font-semibold">Status</dt>
          <dd>{certificate.statusLabel}</dd>
          <dt className="font-semibold">{certificate.renewal ? "Förnyat" : "Utfärdat"}</dt>
          <dd>{certificate.issuedOn}</dd>
          <dt className="font-semibold">Gäller till och med</dt>
          <dd>{certificate.validThrough}</dd>
          <dt className="font-semibold">Intygskod</dt>
          <dd className="font-mono tracking-wide">{certificate.code}</dd>
          {certificate.municipalityName ? (
            <>
              <dt className="font-semibold">Utfärdat i</dt>
              <dd>{certificate.municipalityName}</dd>
            </>
          ) : null}
          {certificate.revoked ? (
            <>
              <dt className="font-semibold">Återkallat</dt>
              <dd>
                {certificate.revoked.on}
                {certificate.revoked.by ? ` av ${certificate.revoked.by}` : ""}
              </dd>
              <dt className="font-semibold">Skäl</dt>
              <dd className="whitespace-pre-line">{certificate.revoked.reason}</dd>
            </>
          ) : null}
        </dl>
        <p>
          <Link to={`/verifiera/${certificate.code}`}>Se kontrollsidan, som den visas för andra</Link>
        </p>
      </section>

      {certificate.revoked ? null : (
        <section aria-labelledby="aterkalla">
          <h2 id="aterkalla">Återkalla intyget</h2>
          <p>
            När intyget är återkallat står det som återkallat på kontrollsidan, med datum. Skälet syns bara för samordnare och i loggen. Det går
            inte att ångra, men {holder.name} kan få ett nytt intyg genom att göra om kunskapstesten.
          </p>
          <ErrorSummary errors={errors} labels={{ reason: "Skäl", confirm: "Bekräftelse" }} />
          <Form method="post" noValidate>
            <TextArea
              name="reason"
              label="Skäl till att intyget återkallas"
              hint={
                <>
                  Minst {reasonLength.min} och högst {reasonLength.max} tecken.
                  <CharacterCount fieldId="f-reason" max={reasonLength.max} initialLength={actionData?.values?.reason?.length ?? 0} />
                </>
              }
              required
              maxLength={reasonLength.max}
              defaultValue={actionData?.values?.reason ?? ""}
              error={errors?.reason}
            />
            <div className="field">
              <label className="flex items-start gap-3">
                <input
                  type="checkbox"
                  name="confirm"
                  value="ja"
                  id="f-confirm"
                  className="mt-1 size-5"
                  aria-invalid={errors?.confirm ? true : undefined}
                  aria-describedby={errors?.confirm ? "f-confirm-error" : undefined}
                />
                <span>Jag vill återkalla intyget för {holder.name}.</span>
              </label>
              {errors?.confirm ? (
                <p id="f-confirm-error" className="field-error">
                  <span className="sr-only">Fel: </span>
                  {errors.confirm}
                </p>
              ) : null}
            </div>
            <button type="submit" className="btn-danger" disabled={navigation.state === "submitting"}>
              Återkalla intyget
            </button>
          </Form>
        </section>
      )}
    </div>
  );
}
