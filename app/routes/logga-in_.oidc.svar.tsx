// SPDX-License-Identifier: EUPL-1.2
// The redirect URI every municipality registers with its provider: the provider's answer lands
// here, and the person is signed in or told why not.
import { data, redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { SignInProblem } from "~/components/SignInProblem";
import { ROLE_HOME } from "~/lib/roles";
import { safeRedirect } from "~/lib/validation";
import { redirectIfSignedIn } from "~/modules/access/permissions.server";
import { readCookie, sessionCookie } from "~/modules/auth/cookie.server";
import { clearedOidcAttemptCookie, completeOidcSignIn, OIDC_COOKIE } from "~/modules/auth/oidc.server";
import { ssoFailureMessage } from "~/modules/auth/sso-account.server";
import { getDb } from "~db/client.server";

export const meta: MetaFunction = () => [{ title: "Inloggningen misslyckades – Coachportalen" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await redirectIfSignedIn({ request, context });
  const result = await completeOidcSignIn(getDb(), {
    search: new URL(request.url).search,
    attemptId: readCookie(request, OIDC_COOKIE),
    userAgent: request.headers.get("user-agent"),
  });
  const headers = new Headers({ "Set-Cookie": clearedOidcAttemptCookie() });
  if (result.status === "failed") {
    const { status, message } = ssoFailureMessage(result.reason, result.providerName, result.email);
    return data({ message }, { status, headers });
  }
  headers.append("Set-Cookie", sessionCookie(result.token));
  return redirect(safeRedirect(result.redirectTo ?? undefined, ROLE_HOME[result.role]), { headers });
}

export default function OidcAnswer() {
  const { message } = useLoaderData<typeof loader>();
  return <SignInProblem message={message} />;
}
