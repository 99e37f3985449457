// SPDX-License-Identifier: EUPL-1.2
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { ErrorSummary, Field } from "~/components/forms";
import { readForm } from "~/lib/form.server";
import { ROLE_HOME } from "~/lib/roles";
import { fields, parseForm } from "~/lib/validation";
import { resetPasswordWithToken } from "~/modules/auth/account.server";
import { landingAfterSignIn } from "~/modules/auth/second-factor.server";
import { sessionCookie } from "~/modules/auth/cookie.server";
import { inspectEmailToken } from "~/modules/auth/email-token.server";
import { newPasswordErrors } from "~/modules/auth/password.server";
import { getDb } from "~db/client.server";

// A link that does not work says so in the tab too (WCAG 2.4.2), not the title of the form it would have shown.
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.problem ? PROBLEM_TEXT[data.problem].title : "Välj ett nytt lösenord"} – Coachportalen` }];

type Problem = "invalid" | "expired" | "used";

// A link that never existed is "not found"; one that existed but is spent is "gone".
const PROBLEM_STATUS: Record<Problem, number> = { invalid: 404, expired: 410, used: 410 };

const schema = z.object({
  newPassword: fields.password(),
  newPasswordRepeat: z.string({ error: "Skriv lösenordet en gång till." }).min(1, "Skriv lösenordet en gång till."),
});

// The link is the permission: it proves the person reads the account's email.
export async function loader({ params }: LoaderFunctionArgs) {
  const state = await inspectEmailToken(getDb(), params.token ?? "", "password_reset");
  if (state.status !== "valid") return data({ problem: state.status, email: null }, { status: PROBLEM_STATUS[state.status] });
  return { problem: null, email: state.email };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const db = getDb();
  const token = params.token ?? "";
  const state = await inspectEmailToken(db, token, "password_reset");
  if (state.status !== "valid") return data({ problem: state.status, errors: undefined }, { status: PROBLEM_STATUS[state.status] });

  const parsed = parseForm(schema, await readForm(request));
  if (!parsed.ok) return data({ problem: null, errors: parsed.errors }, { status: 400 });
  const errors = newPasswordErrors(parsed.data, { email: state.email, name: state.name });
  if (errors) return data({ problem: null, errors }, { status: 400 });

  const result = await resetPasswordWithToken(db, token, parsed.data.newPassword, { userAgent: request.headers.get("user-agent") });
  if (result.status !== "ok") return data({ problem: result.status, errors: undefined }, { status: PROBLEM_STATUS[result.status] });
  // Signed in at once: they just proved they own the address, and typing the new password
  // again on the sign-in page would only be a chance to mistype it.
  // A reset link proves the address, not the second factor: that step comes first.
  const landing = result.secondFactor ? landingAfterSignIn(result) : `${ROLE_HOME[result.role]}?notis=losenord-aterstallt`;
  return redirect(landing, { headers: { "Set-Cookie": sessionCookie(result.token) } });
}

const PROBLEM_TEXT: Record<Problem, { title: string; body: string }> = {
  invalid: {
    title: "Länken fungerar inte",
    body: "Länken är felaktig. Kontrollera att du har fått med hela länken från e-postmeddelandet, eller be om en ny.",
  },
  expired: {
    title: "Länken har gått ut",
    body: "En länk för att välja nytt lösenord gäller i en timme. Be om en ny länk, så skickar vi den till din e-post.",
  },
  used: {
    title: "Länken är redan använd",
    body: "Varje länk fungerar bara en gång. Har du redan valt ett nytt lösenord kan du logga in med det. Annars kan du be om en ny länk.",
  },
};

function LinkProblem({ problem }: { problem: Problem }) {
  const text = PROBLEM_TEXT[problem];
  return (
    <div className="prose-page">
      <h1>{text.title}</h1>
      <p>{text.body}</p>
      <p>
        <Link to="/glomt-losenord" className="btn-primary">
          Be om en ny länk
        </Link>
      </p>
      <p>
        <Link to="/logga-in">Till inloggningen</Link>
      </p>
    </div>
  );
}

export default function ResetPassword() {
  const { problem, email } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const shownProblem = actionData?.problem ?? problem;
  if (shownProblem || !email) return <LinkProblem problem={shownProblem ?? "invalid"} />;
  const errors = actionData?.errors as Record<string, string> | undefined;
  return (
    <div className="max-w-xl">
      <h1>Välj ett nytt lösenord</h1>
      <p className="mb-6">
        Kontot: <strong className="break-all">{email}</strong>
      </p>
      <ErrorSummary errors={errors} labels={{ newPassword: "Nytt lösenord", newPasswordRepeat: "Upprepa lösenordet" }} />
      <Form method="post" noValidate>
        {/* Lets password managers save the new password under the right account. */}
        <input type="text" name="username" autoComplete="username" value={email} readOnly hidden />
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
          label="Upprepa lösenordet"
          type="password"
          autoComplete="new-password"
          required
          error={errors?.newPasswordRepeat}
        />
        <p className="mb-5 text-sm text-muted">När du sparar loggas du ut på alla andra enheter och loggas in här.</p>
        <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
          Spara och logga in
        </button>
      </Form>
    </div>
  );
}
