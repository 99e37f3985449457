// SPDX-License-Identifier: EUPL-1.2
// The assertion consumer service every municipality's SAML IdP posts its answer to (HTTP-POST
// binding): the person is signed in or told why not. A cross-site POST by design, let through
// for this path alone by server/app.js.
import { data, redirect, type ActionFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { SignInProblem } from "~/components/SignInProblem";
import { readForm } from "~/lib/form.server";
import { ROLE_HOME } from "~/lib/roles";
import { safeRedirect } from "~/lib/validation";
import { redirectIfSignedIn } from "~/modules/access/permissions.server";
import { sessionCookie } from "~/modules/auth/cookie.server";
import { completeSamlSignIn } from "~/modules/auth/saml.server";
import { ssoFailureMessage } from "~/modules/auth/sso-account.server";
import { getDb } from "~db/client.server";

export const meta: MetaFunction = () => [{ title: "Inloggningen misslyckades – Coachportalen" }];

const NOT_AN_ANSWER = "Här tas bara svar emot från kommunens inloggningstjänst. Börja om från inloggningssidan.";

export async function loader() {
  return data({ message: NOT_AN_ANSWER }, { status: 405, headers: { Allow: "POST" } });
}

export async function action({ request, context }: ActionFunctionArgs) {
  // The body first: what is not a form is refused (4xx) whoever sends it.
  const form = await readForm(request);
  await redirectIfSignedIn({ request, context });
  const samlResponse = form.get("SAMLResponse");
  const relayState = form.get("RelayState");
  const result = await completeSamlSignIn(getDb(), {
    samlResponse: typeof samlResponse === "string" ? samlResponse : "",
    relayState: typeof relayState === "string" ? relayState : "",
    userAgent: request.headers.get("user-agent"),
  });
  if (result.status === "failed") {
    const { status, message } = ssoFailureMessage(result.reason, result.providerName, result.email);
    return data({ message }, { status });
  }
  return redirect(safeRedirect(result.redirectTo ?? undefined, ROLE_HOME[result.role]), { headers: { "Set-Cookie": sessionCookie(result.token) } });
}

export default function SamlAnswer() {
  const actionData = useActionData<typeof action>();
  return <SignInProblem message={actionData?.message ?? NOT_AN_ANSWER} />;
}
