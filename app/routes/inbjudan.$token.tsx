// SPDX-License-Identifier: EUPL-1.2
import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { ErrorSummary, Field } from "~/components/forms";
import { readForm } from "~/lib/form.server";
import { ROLE_HOME, ROLE_LABELS, roleInSentence } from "~/lib/roles";
import { fields, parseForm } from "~/lib/validation";
import { notFound } from "~/modules/access/permissions.server";
import { sessionCookie } from "~/modules/auth/cookie.server";
import { acceptInvitation, findInvitation, type InvitationState } from "~/modules/auth/invitation.server";
import { passwordProblem } from "~/modules/auth/password.server";
import { landingAfterSignIn, startSignedInSession } from "~/modules/auth/second-factor.server";
import { THROTTLE_RULES, throttledLookup, throttleKeys, throttleMessage } from "~/modules/auth/throttle.server";
import { pendingCreditCounts } from "~/modules/certification/pending-credits.server";
import { getDb } from "~db/client.server";

// A closed or refused invitation says so in the tab too (WCAG 2.4.2), as its heading does.
export const meta: MetaFunction<typeof loader> = ({ data }) => {
  const closedReason = data && "closed" in data ? data.closed : null;
  const throttledNow = data && "throttled" in data && data.throttled;
  const title = closedReason ? CLOSED_TEXT[closedReason].title : throttledNow ? "För många försök" : "Inbjudan";
  return [{ title: `${title} – Coachportalen` }];
};

type ClosedReason = Exclude<InvitationState["status"], "valid" | "invalid"> | "already_member";

const INVALID_LINK =
  "Länken till inbjudan är inte giltig. Kontrollera att du har fått med hela länken från e-postmeddelandet, eller be din ANDTS-samordnare om en ny inbjudan.";

function closed(reason: ClosedReason) {
  return data({ closed: reason, invitation: null }, { status: 410 });
}

// The email is part of the password check: a password that is the address is refused.
function acceptSchema(email: string) {
  return z
    .object({
      name: fields.name(),
      password: fields.password().superRefine((password, ctx) => {
        const problem = passwordProblem(password, { email });
        if (problem) ctx.addIssue({ code: "custom", message: problem });
      }),
      passwordRepeat: z.string({ error: "Skriv lösenordet en gång till." }).min(1, "Skriv lösenordet en gång till."),
    })
    .refine((v) => v.password === v.passwordRepeat, {
      path: ["passwordRepeat"],
      message: "Lösenorden är inte likadana. Skriv samma lösenord i båda fälten.",
    });
}

// A refused lookup says when to come back, in the page and to clients that read Retry-After.
export const headers: HeadersFunction = ({ actionHeaders, loaderHeaders }) => {
  const retryAfter = actionHeaders.get("Retry-After") ?? loaderHeaders.get("Retry-After");
  const headers = new Headers();
  if (retryAfter) headers.set("Retry-After", retryAfter);
  return headers;
};

function throttled(verdict: { retryAfterMinutes: number }) {
  return data(
    { closed: null, invitation: null, throttled: throttleMessage(verdict) },
    { status: 429, headers: { "Retry-After": String(verdict.retryAfterMinutes * 60) } },
  );
}

/** The invitation of the link; links that match none are counted per address, so nobody can walk through tokens. */
function lookUp(token: string, ip: string) {
  const db = getDb();
  return throttledLookup(
    db,
    { key: throttleKeys.unknownInvitationIp(ip), rule: THROTTLE_RULES.unknownInvitationPerIp, isMiss: (state) => state.status === "invalid" },
    () => findInvitation(db, token),
  );
}

// Public: the token itself is the permission.
export async function loader({ params, context }: LoaderFunctionArgs) {
  const lookup = await lookUp(params.token ?? "", context.clientIp);
  if (lookup.status === "throttled") return throttled(lookup.verdict);
  const state = lookup.result;
  if (state.status === "invalid") notFound(INVALID_LINK);
  if (state.status !== "valid") return closed(state.status);
  const pendingCredits = (await pendingCreditCounts(getDb(), [state.id])).get(state.id) ?? 0;
  return {
    closed: null,
    invitation: { email: state.email, role: state.role, municipalityName: state.municipalityName, school: state.school, name: state.name, pendingCredits },
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const token = params.token ?? "";
  const db = getDb();
  const lookup = await lookUp(token, context.clientIp);
  if (lookup.status === "throttled") return throttled(lookup.verdict);
  const state = lookup.result;
  if (state.status === "invalid") notFound(INVALID_LINK);
  if (state.status !== "valid") return closed(state.status);

  const parsed = parseForm(acceptSchema(state.email), await readForm(request));
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });

  const result = await acceptInvitation(db, token, { name: parsed.data.name, password: parsed.data.password });
  if (result.status === "invalid") notFound(INVALID_LINK);
  if (result.status !== "accepted") return closed(result.status);

  const session = await startSignedInSession(db, result.userId, "password", { userAgent: request.headers.get("user-agent") });
  const landing = session.secondFactor ? landingAfterSignIn({ role: state.role, secondFactor: session.secondFactor }) : `${ROLE_HOME[state.role]}?notis=konto-skapat`;
  return redirect(landing, { headers: { "Set-Cookie": sessionCookie(session.token) } });
}

const CLOSED_TEXT: Record<ClosedReason, { title: string; body: string }> = {
  expired: {
    title: "Inbjudan har gått ut",
    body: "Länken i en inbjudan fungerar i 14 dagar, och den här tiden har gått. Be din ANDTS-samordnare att skicka en ny inbjudan.",
  },
  used: {
    title: "Inbjudan är redan använd",
    body: "Den här länken har redan använts för att skapa ett konto. Om det var du kan du logga in. Annars kan du be din ANDTS-samordnare om en ny inbjudan.",
  },
  withdrawn: {
    title: "Inbjudan är återkallad",
    body: "Den som skickade inbjudan har dragit tillbaka den. Om du ska ha ett konto kan du be din ANDTS-samordnare om en ny inbjudan.",
  },
  already_member: {
    title: "Det finns redan ett konto",
    body: "Det finns redan ett konto för den här e-postadressen. Logga in med det i stället.",
  },
};

function ClosedInvitation({ reason }: { reason: ClosedReason }) {
  const text = CLOSED_TEXT[reason];
  return (
    <div className="prose-page">
      <h1>{text.title}</h1>
      <p>{text.body}</p>
      <p>
        <Link to="/logga-in">Till inloggningen</Link>
      </p>
    </div>
  );
}

export default function AcceptInvitation() {
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const tooMany = (actionData && "throttled" in actionData ? actionData.throttled : null) ?? ("throttled" in loaderData ? loaderData.throttled : null);
  if (tooMany) {
    return (
      <div className="prose-page">
        <h1>För många försök</h1>
        <p>{tooMany}</p>
      </div>
    );
  }
  const closedReason = actionData && "closed" in actionData ? actionData.closed : loaderData.closed;
  if (closedReason) return <ClosedInvitation reason={closedReason} />;
  const invitation = loaderData.invitation;
  if (!invitation) return null;

  const errors = actionData && "errors" in actionData ? (actionData.errors as Record<string, string>) : undefined;
  const values = actionData && "values" in actionData ? actionData.values : undefined;
  return (
    <div className="max-w-xl">
      <h1>Välkommen till Coachportalen</h1>
      <p className="mb-4">
        Du är inbjuden som {roleInSentence(invitation.role)}
        {invitation.municipalityName ? ` i ${invitation.municipalityName}` : ""}. Välj vad du heter och ett lösenord, så är
        ditt konto klart.
      </p>
      {invitation.pendingCredits > 0 ? (
        <p className="mb-4">Din samordnare har registrerat utbildning som du redan har gått. Den räknas som klar när du har skapat ditt konto.</p>
      ) : null}
      <dl className="card mb-6 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
        <dt className="font-semibold">E-postadress</dt>
        <dd className="break-all">{invitation.email}</dd>
        <dt className="font-semibold">Roll</dt>
        <dd>{ROLE_LABELS[invitation.role]}</dd>
        {invitation.municipalityName ? (
          <>
            <dt className="font-semibold">Kommun</dt>
            <dd>{invitation.municipalityName}</dd>
          </>
        ) : null}
        {invitation.school ? (
          <>
            <dt className="font-semibold">Skola</dt>
            <dd>{invitation.school}</dd>
          </>
        ) : null}
      </dl>
      <ErrorSummary errors={errors} labels={{ name: "Ditt namn", password: "Lösenord", passwordRepeat: "Upprepa lösenordet" }} />
      <Form method="post" noValidate>
        {/* Lets password managers save the new password under the right address. */}
        <input type="email" name="username" autoComplete="username" value={invitation.email} readOnly hidden />
        <Field name="name" label="Ditt namn" autoComplete="name" required defaultValue={values?.name ?? invitation.name ?? ""} error={errors?.name} />
        <Field
          name="password"
          label="Lösenord"
          type="password"
          autoComplete="new-password"
          required
          hint="Minst 10 tecken. Några ord i följd är lätta att minnas och svåra att gissa."
          error={errors?.password}
        />
        <Field name="passwordRepeat" label="Upprepa lösenordet" type="password" autoComplete="new-password" required error={errors?.passwordRepeat} />
        <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
          Skapa mitt konto
        </button>
      </Form>
    </div>
  );
}
