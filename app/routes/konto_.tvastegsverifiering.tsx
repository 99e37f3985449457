// SPDX-License-Identifier: EUPL-1.2
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { ErrorSummary, Field } from "~/components/forms";
import { readForm } from "~/lib/form.server";
import { ROLE_HOME } from "~/lib/roles";
import { parseForm } from "~/lib/validation";
import { requireSignedInOrEnrolling } from "~/modules/access/permissions.server";
import { confirmEnrolment, recoveryCodesLeft, renewRecoveryCodes, startEnrolment } from "~/modules/auth/second-factor.server";
import { completeSecondFactor } from "~/modules/auth/session.server";
import { throttleMessage } from "~/modules/auth/throttle.server";
import { getDb } from "~db/client.server";

export const meta: MetaFunction = () => [{ title: "Tvåstegsverifiering – Coachportalen" }];

export async function loader(args: LoaderFunctionArgs) {
  const { user, enrolling } = await requireSignedInOrEnrolling(args);
  const db = getDb();
  const enrolment = await startEnrolment(db, user);
  const home = ROLE_HOME[user.role];
  if (enrolment.status === "enrolled") return { enrolled: true, enrolling, home, codesLeft: await recoveryCodesLeft(db, user.id), secret: null, qrSvg: null };
  return { enrolled: false, enrolling, home, codesLeft: 0, secret: enrolment.groupedSecret, qrSvg: enrolment.qrSvg };
}

const schema = z.object({
  code: z
    .string({ error: "Skriv koden från appen." })
    .trim()
    .min(1, "Skriv koden från appen.")
    .regex(/^\d{6}$/, "Koden har sex siffror."),
});

const WRONG_CODE = "Koden stämmer inte. Kontrollera att telefonens klocka går rätt och skriv den kod som visas nu.";

export async function action(args: ActionFunctionArgs) {
  const { user, sessionId, enrolling } = await requireSignedInOrEnrolling(args);
  const form = await readForm(args.request);
  const parsed = parseForm(schema, form);
  const renewing = form.get("intent") === "nya-reservkoder";
  if (!parsed.ok) return data({ errors: parsed.errors, recoveryCodes: null, renewed: renewing }, { status: 400 });
  const db = getDb();
  if (renewing) {
    // Only a fully signed-in person renews: someone half-way through enrolment has no codes yet.
    if (enrolling) return data({ errors: { code: "Slå på tvåstegsverifieringen först." }, recoveryCodes: null, renewed: true }, { status: 409 });
    const renewed = await renewRecoveryCodes(db, { id: user.id, municipalityId: user.municipalityId }, { code: parsed.data.code, ip: args.context.clientIp });
    if (renewed.status === "throttled") return data({ errors: { code: throttleMessage(renewed.verdict) }, recoveryCodes: null, renewed: true }, { status: 429 });
    if (renewed.status === "wrong_code") return data({ errors: { code: WRONG_CODE }, recoveryCodes: null, renewed: true }, { status: 400 });
    if (renewed.status === "not_enrolled") {
      return data({ errors: { code: "Tvåstegsverifieringen är inte påslagen. Ladda om sidan." }, recoveryCodes: null, renewed: true }, { status: 409 });
    }
    return { errors: undefined, recoveryCodes: renewed.recoveryCodes, renewed: true };
  }
  const result = await confirmEnrolment(db, { id: user.id, municipalityId: user.municipalityId }, { code: parsed.data.code, ip: args.context.clientIp });
  if (result.status === "throttled") return data({ errors: { code: throttleMessage(result.verdict) }, recoveryCodes: null, renewed: false }, { status: 429 });
  if (result.status === "wrong_code") return data({ errors: { code: WRONG_CODE }, recoveryCodes: null, renewed: false }, { status: 400 });
  if (result.status === "not_started") {
    return data({ errors: { code: "Tvåstegsverifieringen är redan påslagen, eller har inte börjat. Ladda om sidan." }, recoveryCodes: null, renewed: false }, { status: 409 });
  }
  // The first code is the second factor: a person sent here from sign-in is now signed in.
  if (enrolling) await completeSecondFactor(db, sessionId);
  return { errors: undefined, recoveryCodes: result.recoveryCodes, renewed: false };
}

export default function SecondFactorEnrolment() {
  const { enrolled, enrolling, home, codesLeft, secret, qrSvg } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const errors = actionData?.errors as Record<string, string> | undefined;

  if (actionData?.recoveryCodes) {
    return (
      <div className="max-w-xl">
        <h1>{actionData.renewed ? "Spara dina nya reservkoder" : "Spara dina reservkoder"}</h1>
        <p className="mb-4">
          {actionData.renewed ? "De gamla reservkoderna fungerar inte längre." : "Tvåstegsverifieringen är påslagen."} Om du tappar bort telefonen kan du
          logga in med en av de här reservkoderna i stället för koden från appen. Varje kod fungerar en gång.
        </p>
        <p className="mb-4 font-semibold">Koderna visas bara nu. Skriv ut dem eller spara dem i en lösenordshanterare.</p>
        <ul aria-label="Reservkoder" className="mb-6 grid grid-cols-2 gap-2 font-mono text-lg">
          {actionData.recoveryCodes.map((code) => (
            <li key={code}>{code}</li>
          ))}
        </ul>
        <Link to={home} className="btn-primary">
          Jag har sparat koderna
        </Link>
      </div>
    );
  }

  if (enrolled) {
    return (
      <div className="max-w-xl">
        <h1>Tvåstegsverifiering</h1>
        <p className="mb-4">Tvåstegsverifiering är påslagen för ditt konto. När du loggar in med lösenord ber vi om en kod från din app.</p>
        <p className="mb-6">
          Du har {codesLeft === 1 ? "1 oanvänd reservkod" : `${codesLeft} oanvända reservkoder`}. Har du tappat bort telefonen och koderna? Kontakta en
          administratör.
        </p>
        <ErrorSummary errors={errors} labels={{ code: "Kod från appen" }} />
        <h2>Nya reservkoder</h2>
        <p className="mb-4">
          Har du använt de flesta koderna, eller kan någon annan ha sett dem? Skapa tio nya. De gamla slutar då att fungera. Skriv koden som appen visar
          nu, så vet vi att det är du.
        </p>
        <Form method="post" noValidate className="mb-8">
          <input type="hidden" name="intent" value="nya-reservkoder" />
          <Field name="code" label="Kod från appen" autoComplete="one-time-code" inputMode="numeric" pattern="[0-9]*" maxLength={6} required error={errors?.code} />
          <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
            Skapa nya reservkoder
          </button>
        </Form>
        <Link to="/konto">Tillbaka till Mitt konto</Link>
      </div>
    );
  }

  return (
    <div className="max-w-xl">
      <h1>Slå på tvåstegsverifiering</h1>
      <p className="mb-4">
        {enrolling
          ? "Ditt konto behöver ett andra steg vid inloggning, för att skydda personuppgifterna i Coachportalen: en kod från en app i din telefon."
          : "Med tvåstegsverifiering räcker inte lösenordet för att logga in: du skriver också en kod från en app i din telefon."}
      </p>
      <ErrorSummary errors={errors} labels={{ code: "Kod från appen" }} />
      <h2 className="mt-6">1. Lägg till kontot i appen</h2>
      <p className="mb-4">
        Öppna en autentiseringsapp, till exempel Microsoft Authenticator, Google Authenticator eller FreeOTP, och skanna QR-koden.
      </p>
      <div role="img" aria-label="QR-kod för att lägga till Coachportalen i autentiseringsappen" className="mb-4 w-56 max-w-full bg-white" dangerouslySetInnerHTML={{ __html: qrSvg ?? "" }} />
      <p className="mb-2">Går det inte att skanna? Skriv in den här nyckeln i appen (tidsbaserad, 6 siffror):</p>
      <p className="mb-6">
        <code id="totp-secret" className="break-all font-mono text-lg">
          {secret}
        </code>
      </p>
      <h2>2. Skriv koden som appen visar</h2>
      <Form method="post" noValidate>
        <Field name="code" label="Kod från appen" autoComplete="one-time-code" inputMode="numeric" pattern="[0-9]*" maxLength={6} required error={errors?.code} />
        <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
          Slå på tvåstegsverifiering
        </button>
      </Form>
      {enrolling ? (
        <Form method="post" action="/logga-ut" className="mt-8">
          <button type="submit" className="btn-link">
            Avbryt och logga ut
          </button>
        </Form>
      ) : (
        <p className="mt-8">
          <Link to="/konto">Tillbaka till Mitt konto</Link>
        </p>
      )}
    </div>
  );
}
