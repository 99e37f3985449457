// SPDX-License-Identifier: EUPL-1.2
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { signInWithEmailLink } from "~/modules/auth/account.server";
import { sessionCookie } from "~/modules/auth/cookie.server";
import { landingAfterSignIn } from "~/modules/auth/second-factor.server";
import { inspectEmailToken } from "~/modules/auth/email-token.server";
import { getDb } from "~db/client.server";

// A link that does not work says so in the tab too (WCAG 2.4.2), not the title of the form it would have shown.
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.problem ? PROBLEM_TEXT[data.problem].title : "Logga in med länk"} – Coachportalen` }];

type Problem = "invalid" | "expired" | "used";

// A link that never existed is "not found"; one that existed but is spent is "gone".
const PROBLEM_STATUS: Record<Problem, number> = { invalid: 404, expired: 410, used: 410 };

// Opening the link only looks at it: mail scanners fetch every link in a message, and
// signing in on GET would spend the link before the person clicks it.
export async function loader({ params }: LoaderFunctionArgs) {
  const state = await inspectEmailToken(getDb(), params.token ?? "", "login_link");
  if (state.status !== "valid") return data({ problem: state.status, email: null }, { status: PROBLEM_STATUS[state.status] });
  return { problem: null, email: state.email };
}

// The link is the permission: it proves the person reads the account's email.
export async function action({ request, params }: ActionFunctionArgs) {
  const result = await signInWithEmailLink(getDb(), params.token ?? "", { userAgent: request.headers.get("user-agent") });
  if (result.status !== "ok") return data({ problem: result.status }, { status: PROBLEM_STATUS[result.status] });
  return redirect(landingAfterSignIn(result), { headers: { "Set-Cookie": sessionCookie(result.token) } });
}

const PROBLEM_TEXT: Record<Problem, { title: string; body: string }> = {
  invalid: {
    title: "Länken fungerar inte",
    body: "Länken är felaktig. Kontrollera att du har fått med hela länken från e-postmeddelandet, eller be om en ny.",
  },
  expired: {
    title: "Länken har gått ut",
    body: "En inloggningslänk gäller i 15 minuter. Be om en ny länk, eller logga in med ditt lösenord.",
  },
  used: {
    title: "Länken är redan använd",
    body: "Varje inloggningslänk fungerar bara en gång. Be om en ny länk, eller logga in med ditt lösenord.",
  },
};

export default function SignInWithLink() {
  const { problem, email } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const shownProblem = actionData?.problem ?? problem;
  if (shownProblem || !email) {
    const text = PROBLEM_TEXT[shownProblem ?? "invalid"];
    return (
      <div className="prose-page">
        <h1>{text.title}</h1>
        <p>{text.body}</p>
        <p>
          <Link to="/logga-in/lank" className="btn-primary">
            Be om en ny länk
          </Link>
        </p>
        <p>
          <Link to="/logga-in">Logga in med lösenord</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="max-w-xl">
      <h1>Logga in med länk</h1>
      <p className="mb-6">
        Du loggar in som <strong className="break-all">{email}</strong>.
      </p>
      <Form method="post">
        <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
          Logga in
        </button>
      </Form>
    </div>
  );
}
