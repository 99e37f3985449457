// SPDX-License-Identifier: EUPL-1.2
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { ErrorSummary, Field } from "~/components/forms";
import { readForm } from "~/lib/form.server";
import { parseForm } from "~/lib/validation";
import { requirePendingSecondFactor } from "~/modules/access/permissions.server";
import { landingAfterSignIn, verifySecondFactor } from "~/modules/auth/second-factor.server";
import { completeSecondFactor } from "~/modules/auth/session.server";
import { throttleMessage } from "~/modules/auth/throttle.server";
import { getDb } from "~db/client.server";

export const meta: MetaFunction = () => [{ title: "Ange kod – Coachportalen" }];

const schema = z.object({
  code: z.string({ error: "Skriv koden." }).trim().min(1, "Skriv koden.").max(40, "Koden är för lång."),
  redirectTo: z.string().optional(),
});

// The half-signed session is the permission: only a person who has just given the right password holds one.
export async function loader(args: LoaderFunctionArgs) {
  await requirePendingSecondFactor(args, "verify");
  return null;
}

export async function action(args: ActionFunctionArgs) {
  const { request, context } = args;
  const pending = await requirePendingSecondFactor(args, "verify");
  const parsed = parseForm(schema, await readForm(request));
  if (!parsed.ok) return data({ errors: parsed.errors }, { status: 400 });
  const db = getDb();
  const result = await verifySecondFactor(db, { id: pending.user.id, municipalityId: pending.user.municipalityId }, { code: parsed.data.code, ip: context.clientIp });
  if (result.status === "throttled") return data({ errors: { code: throttleMessage(result.verdict) } }, { status: 429 });
  if (result.status === "wrong_code") {
    return data({ errors: { code: "Koden stämmer inte. Skriv den kod som visas i appen just nu, eller en reservkod." } }, { status: 400 });
  }
  await completeSecondFactor(db, pending.sessionId);
  return redirect(landingAfterSignIn({ role: pending.user.role, secondFactor: null }, parsed.data.redirectTo));
}

export default function SecondFactorCode() {
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const errors = actionData?.errors as Record<string, string> | undefined;
  // A recovery code has letters: the field then asks for the full keyboard.
  const recovery = searchParams.get("reservkod") === "1";
  const keep = new URLSearchParams(searchParams);
  keep.set("reservkod", recovery ? "0" : "1");
  return (
    <div className="max-w-xl">
      <h1>Tvåstegsverifiering</h1>
      <p className="mb-6">
        {recovery
          ? "Skriv en av dina reservkoder. Varje reservkod fungerar en gång."
          : "Öppna autentiseringsappen i din telefon och skriv den sexsiffriga koden för Coachportalen."}
      </p>
      <ErrorSummary errors={errors} labels={{ code: recovery ? "Reservkod" : "Kod" }} />
      <Form method="post" noValidate>
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
        {recovery ? (
          <Field key="recovery" name="code" label="Reservkod" autoComplete="off" autoCapitalize="none" spellCheck={false} required error={errors?.code} />
        ) : (
          <Field key="totp" name="code" label="Kod" autoComplete="one-time-code" inputMode="numeric" pattern="[0-9]*" maxLength={6} required error={errors?.code} />
        )}
        <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
          Logga in
        </button>
      </Form>
      <ul className="mt-8 space-y-2">
        <li>
          <Link to={`?${keep.toString()}`}>{recovery ? "Använd koden från appen i stället" : "Har du inte telefonen? Använd en reservkod"}</Link>
        </li>
        <li>
          <Form method="post" action="/logga-ut">
            <button type="submit" className="btn-link">
              Avbryt och logga ut
            </button>
          </Form>
        </li>
      </ul>
    </div>
  );
}
