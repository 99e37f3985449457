// SPDX-License-Identifier: EUPL-1.2
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { z } from "zod";
import { ErrorSummary, Field, Notice } from "~/components/forms";
import { SignedInSessions } from "~/components/SignedInSessions";
import { readForm } from "~/lib/form.server";
import { fields, parseForm } from "~/lib/validation";
import { notFound, requireSession } from "~/modules/access/permissions.server";
import { accountOverview, changePassword, endOwnSession, signOutEverywhere, updateName } from "~/modules/auth/account.server";
import { clearedSessionCookie, sessionCookie } from "~/modules/auth/cookie.server";
import { newPasswordErrors } from "~/modules/auth/password.server";
import { throttleMessage } from "~/modules/auth/throttle.server";
import { getDb } from "~db/client.server";

export const meta: MetaFunction = () => [{ title: "Mitt konto – Coachportalen" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user, sessionId } = await requireSession({ request, context });
  return accountOverview(getDb(), user, sessionId);
}

const currentPassword = z
  .string({ error: "Fyll i ditt nuvarande lösenord." })
  .min(1, "Fyll i ditt nuvarande lösenord.")
  .max(200, "Lösenordet får ha högst 200 tecken.");

const schema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("updateName"), name: fields.name() }),
    z.object({
      intent: z.literal("changePassword"),
      currentPassword,
      newPassword: fields.password(),
      newPasswordRepeat: z.string({ error: "Skriv det nya lösenordet en gång till." }).min(1, "Skriv det nya lösenordet en gång till."),
    }),
    z.object({ intent: z.literal("endSession"), sessionId: z.string().trim().min(1).max(64) }),
    z.object({ intent: z.literal("signOutEverywhere") }),
  ],
  { error: "Formuläret gick inte att förstå. Ladda om sidan och försök igen." },
);

type Intent = z.infer<typeof schema>["intent"];

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, sessionId } = await requireSession({ request, context });
  const form = await readForm(request);
  const parsed = parseForm(schema, form);
  if (!parsed.ok) {
    // An unknown intent is no field's fault: it belongs to the whole form.
    const errors = parsed.errors.intent ? { form: parsed.errors.intent } : parsed.errors;
    return data({ intent: String(form.get("intent") ?? ""), errors, values: parsed.values, notice: null }, { status: 400 });
  }
  const db = getDb();
  const input = parsed.data;

  switch (input.intent) {
    case "updateName": {
      await updateName(db, user.id, input.name);
      return { intent: input.intent, errors: undefined, values: undefined, notice: "Ditt namn är sparat." };
    }
    case "changePassword": {
      const problems = newPasswordErrors(input, { email: user.email, name: user.name });
      if (problems) return data({ intent: input.intent, errors: problems, values: undefined, notice: null }, { status: 400 });
      const result = await changePassword(db, user.id, {
        currentPassword: input.currentPassword,
        newPassword: input.newPassword,
        ip: context.clientIp,
        userAgent: request.headers.get("user-agent"),
      });
      if (result.status === "throttled") {
        return data({ intent: input.intent, errors: { form: throttleMessage(result.verdict) }, values: undefined, notice: null }, { status: 429 });
      }
      if (result.status === "wrong_current_password") {
        return data(
          { intent: input.intent, errors: { currentPassword: "Det nuvarande lösenordet stämmer inte." }, values: undefined, notice: null },
          { status: 400 },
        );
      }
      // A redirect, so that a browser without JavaScript gets the new cookie: the loaders that
      // would follow the action in the same request still hold the old, now ended, session.
      return redirect("/konto?notis=losenord-bytt", { headers: { "Set-Cookie": sessionCookie(result.token) } });
    }
    case "endSession": {
      if (!(await endOwnSession(db, user, input.sessionId))) notFound("Inloggningen finns inte, eller är redan avslutad.");
      if (input.sessionId === sessionId) return redirect("/logga-in?utloggad=1", { headers: { "Set-Cookie": clearedSessionCookie() } });
      return { intent: input.intent, errors: undefined, values: undefined, notice: "Inloggningen är avslutad." };
    }
    case "signOutEverywhere": {
      await signOutEverywhere(db, user);
      return redirect("/logga-in?utloggad=alla", { headers: { "Set-Cookie": clearedSessionCookie() } });
    }
  }
}

const LABELS: Record<string, string> = {
  name: "Namn",
  currentPassword: "Nuvarande lösenord",
  newPassword: "Nytt lösenord",
  newPasswordRepeat: "Upprepa det nya lösenordet",
};

export default function Account() {
  const { person, sessions, secondFactor } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const errors = actionData?.errors as Record<string, string> | undefined;
  const noticeFor = (intent: Intent) => (actionData?.intent === intent && actionData.notice ? <Notice>{actionData.notice}</Notice> : null);

  const passwordForm = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (actionData?.intent === "changePassword" && actionData.notice) passwordForm.current?.reset();
  }, [actionData]);

  return (
    <div className="max-w-3xl">
      <h1>Mitt konto</h1>
      <ErrorSummary errors={errors} labels={LABELS} />

      <section aria-labelledby="uppgifter" className="mt-8">
        <h2 id="uppgifter">Dina uppgifter</h2>
        {noticeFor("updateName")}
        <dl className="my-4 grid grid-cols-1 gap-x-6 gap-y-1 sm:grid-cols-[max-content_1fr]">
          <dt className="font-semibold">E-postadress</dt>
          <dd className="mb-2 break-all sm:mb-0">{person.email}</dd>
          <dt className="font-semibold">Roll</dt>
          <dd className="mb-2 sm:mb-0">{person.role}</dd>
          {person.municipality ? (
            <>
              <dt className="font-semibold">Kommun</dt>
              <dd className="mb-2 sm:mb-0">{person.municipality}</dd>
            </>
          ) : null}
          <dt className="font-semibold">Inloggad</dt>
          <dd className="mb-2 sm:mb-0">{person.signedInWith}</dd>
          {person.school ? (
            <>
              <dt className="font-semibold">Skola</dt>
              <dd className="mb-2 sm:mb-0">{person.school}</dd>
            </>
          ) : null}
        </dl>
        <p className="mb-4 text-sm text-muted">Behöver e-postadress, roll eller kommun ändras? Kontakta din ANDTS-samordnare.</p>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="updateName" />
          <Field
            name="name"
            label="Namn"
            autoComplete="name"
            required
            maxLength={100}
            defaultValue={actionData?.intent === "updateName" ? (actionData.values?.name ?? person.name) : person.name}
            error={errors?.name}
          />
          <button type="submit" className="btn-primary" disabled={busy}>
            Spara namnet
          </button>
        </Form>
      </section>

      <section aria-labelledby="losenord" className="mt-12">
        <h2 id="losenord">Byt lösenord</h2>
        {noticeFor("changePassword")}
        <p className="mb-4 text-muted">När du byter lösenord loggas du ut på alla andra enheter.</p>
        <Form method="post" noValidate ref={passwordForm}>
          <input type="hidden" name="intent" value="changePassword" />
          <input type="text" name="username" autoComplete="username" value={person.email} readOnly hidden />
          <Field
            name="currentPassword"
            label="Nuvarande lösenord"
            type="password"
            autoComplete="current-password"
            required
            error={errors?.currentPassword}
          />
          <Field
            name="newPassword"
            label="Nytt lösenord"
            type="password"
            autoComplete="new-password"
            required
            hint="Minst 10 tecken. Några ord med mellanslag emellan blir ett starkt lösenord som är lätt att komma ihåg."
            error={errors?.newPassword}
          />
          <Field
            name="newPasswordRepeat"
            label="Upprepa det nya lösenordet"
            type="password"
            autoComplete="new-password"
            required
            error={errors?.newPasswordRepeat}
          />
          <button type="submit" className="btn-primary" disabled={busy}>
            Byt lösenord
          </button>
        </Form>
      </section>

      <section aria-labelledby="tvastegs" className="mt-12">
        <h2 id="tvastegs">Tvåstegsverifiering</h2>
        <p>{secondFactor ? "Påslagen: du loggar in med lösenord och en kod från en app i telefonen." : "Inte påslagen: lösenordet räcker för att logga in."} <Link to="/konto/tvastegsverifiering">{secondFactor ? "Visa tvåstegsverifiering" : "Slå på tvåstegsverifiering"}</Link></p>
      </section>
      <section aria-labelledby="inloggningar" className="mt-12">
        <h2 id="inloggningar">Inloggningar</h2>
        {noticeFor("endSession")}
        <p className="mb-4 text-muted">
          Här ser du var ditt konto är inloggat. Känner du inte igen en inloggning, avsluta den och byt lösenord. Tiden för
          senast använd uppdateras ungefär en gång i timmen.
        </p>
        <SignedInSessions sessions={sessions} busy={busy} />
      </section>

      <section aria-labelledby="fil" className="mt-12">
        <h2 id="fil">Dina uppgifter som fil</h2>
        <p className="mb-4 text-muted">
          Du har rätt att få veta vad vi har sparat om dig. Filen innehåller dina uppgifter, dina inloggningar, händelser i
          loggen som gäller dig och vilka e-postmeddelanden vi har skickat till dig. Den är i formatet JSON och kan öppnas i en
          textredigerare.
        </p>
        <a href="/konto/mina-uppgifter.json" download className="btn-secondary">
          Ladda ner dina uppgifter
        </a>
      </section>
    </div>
  );
}
