// SPDX-License-Identifier: EUPL-1.2
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { ErrorSummary, Field, Notice, Select } from "~/components/forms";
import { PolicePartnerList } from "~/components/promises/PolicePartnerList";
import { readForm } from "~/lib/form.server";
import { fields, formValues, parseForm, type FieldErrors } from "~/lib/validation";
import { requireAdmin } from "~/modules/access/permissions.server";
import { listInvitations } from "~/modules/auth/invitation.server";
import { attachablePromises, attachPartner, detachPartner, invitePolicePartner, listPolicePartners } from "~/modules/promises/police-partners.server";
import { getDb } from "~db/client.server";

export const meta: MetaFunction = () => [{ title: "Polis – Coachportalen" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireAdmin({ request, context });
  const db = getDb();
  const now = new Date().toISOString();
  const [partners, promises, invitations] = await Promise.all([listPolicePartners(db), attachablePromises(db), listInvitations(db, { roles: ["polis"] })]);
  return {
    partners,
    promises,
    pending: invitations.filter((i) => !i.accepted_at && !i.withdrawn_at && i.expires_at > now).map((i) => ({ id: i.id, email: i.email, expiresAt: i.expires_at })),
  };
}

const id = (message: string) => z.string({ error: message }).trim().min(1, message).max(64, message);
const actionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("invite"), email: fields.email() }),
  z.object({ intent: z.literal("attach"), userId: id("Välj en polis."), promiseId: id("Välj ett medborgarlöfte.") }),
  z.object({ intent: z.literal("detach"), userId: id("Välj en polis."), promiseId: id("Välj ett medborgarlöfte.") }),
]);

const LABELS = { email: "E-postadress", userId: "Polis", promiseId: "Medborgarlöfte" };

type ActionResult = { errors: FieldErrors | null; values?: Record<string, string>; notice?: string };

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = await requireAdmin({ request, context });
  const form = await readForm(request);
  const parsed = parseForm(actionSchema, form);
  if (!parsed.ok) return data<ActionResult>({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const db = getDb();
  const input = parsed.data;
  const outcome =
    input.intent === "invite"
      ? await invitePolicePartner(db, { actor: admin, email: input.email })
      : input.intent === "attach"
        ? await attachPartner(db, { actor: admin, promiseId: input.promiseId, userId: input.userId })
        : await detachPartner(db, { actor: admin, promiseId: input.promiseId, userId: input.userId });
  if (!outcome.ok) return data<ActionResult>({ errors: outcome.errors, values: formValues(form) }, { status: outcome.status });
  const notice =
    input.intent === "invite"
      ? `En inbjudan som polis är skickad till ${input.email}. Koppla personen till ett löfte när hen har skapat sitt konto.`
      : input.intent === "attach"
        ? "Polisen är kopplad till löftet."
        : "Polisen är inte längre kopplad till löftet.";
  return { errors: null, notice } satisfies ActionResult;
}

export default function AdminPolice() {
  const { partners, promises, pending } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionResult | undefined;
  const busy = useNavigation().state === "submitting";
  const errors = actionData?.errors ?? undefined;
  const values = actionData?.values;
  const activePartners = partners.filter((p) => p.active);
  return (
    <div>
      <h1>Polis</h1>
      <p className="mb-6 max-w-3xl">
        Polisen är part i medborgarlöftena. Bjud in kommunpolisen eller andra poliser som följer upp löftena och koppla dem till löftena. En polis ser bara de
        löften hen är kopplad till och aldrig några uppgifter om ANDTS-coacherna.
      </p>
      <ErrorSummary errors={errors} labels={LABELS} />
      {actionData?.notice ? <Notice>{actionData.notice}</Notice> : null}

      <PolicePartnerList partners={partners} pending={pending} busy={busy} />

      <section aria-labelledby="attach-heading" className="mb-10 max-w-3xl">
        <h2 id="attach-heading" className="mb-3">
          Koppla en polis till ett löfte
        </h2>
        {activePartners.length === 0 || promises.length === 0 ? (
          <p>{activePartners.length === 0 ? "Det finns ingen polis med konto än. Bjud in en nedan." : "Det finns inget medborgarlöfte än."}</p>
        ) : (
          // A promise's label is wider than a phone: the list may shrink to the card instead of widening the page (WCAG 1.4.10).
          <Form method="post" className="card [&_select]:min-w-0" key={actionData?.notice}>
            <input type="hidden" name="intent" value="attach" />
            <Select
              name="userId"
              label="Polis"
              defaultValue={values?.userId}
              error={errors?.userId}
              options={activePartners.map((p) => ({ value: p.id, label: `${p.name} (${p.email})` }))}
            />
            <Select name="promiseId" label="Medborgarlöfte" defaultValue={values?.promiseId} error={errors?.promiseId} options={promises.map((p) => ({ value: p.id, label: p.label }))} />
            <button type="submit" className="btn-primary" disabled={busy}>
              Koppla till löftet
            </button>
          </Form>
        )}
      </section>

      <section aria-labelledby="invite-heading" className="max-w-3xl">
        <h2 id="invite-heading" className="mb-3">
          Bjud in en polis
        </h2>
        <Form method="post" className="card" key={actionData?.notice}>
          <input type="hidden" name="intent" value="invite" />
          <Field
            name="email"
            label="E-postadress"
            type="email"
            autoComplete="off"
            hint="Personen skriver sitt namn och väljer lösenord när hen tar emot inbjudan."
            defaultValue={values?.intent === "invite" ? values.email : ""}
            error={errors?.email}
          />
          <button type="submit" className="btn-primary" disabled={busy}>
            Skicka inbjudan
          </button>
        </Form>
      </section>
    </div>
  );
}
