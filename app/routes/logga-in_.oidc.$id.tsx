// SPDX-License-Identifier: EUPL-1.2
// "Logga in med Högsby kommuns konto": sends the browser to the municipality's provider.
import { data, redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { SignInProblem } from "~/components/SignInProblem";
import { safeRedirect } from "~/lib/validation";
import { notFound, redirectIfSignedIn } from "~/modules/access/permissions.server";
import { oidcAttemptCookie, startOidcSignIn } from "~/modules/auth/oidc.server";
import { ssoFailureMessage } from "~/modules/auth/sso-account.server";
import { throttleMessage } from "~/modules/auth/throttle.server";
import { getDb } from "~db/client.server";

export const meta: MetaFunction = () => [{ title: "Inloggningen misslyckades – Coachportalen" }];

// A GET, so that /logga-in can send an address in a configured domain here by redirect. Starting
// a sign-in changes nothing but a short-lived row only this browser's cookie can use.
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  await redirectIfSignedIn({ request, context });
  const back = new URL(request.url).searchParams.get("redirectTo");
  const result = await startOidcSignIn(getDb(), params.id ?? "", { redirectTo: back ? safeRedirect(back, "") || null : null, ip: context.clientIp });
  if (result.status === "not_found") notFound("Kommunen har ingen egen inloggning här.");
  if (result.status === "throttled") return data({ message: throttleMessage(result.verdict) }, { status: 429 });
  if (result.status === "failed") {
    const { status, message } = ssoFailureMessage(result.reason, result.provider.displayName, null);
    return data({ message }, { status });
  }
  return redirect(result.url, { headers: { "Set-Cookie": oidcAttemptCookie(result.attemptId) } });
}

export default function StartOidcSignIn() {
  const { message } = useLoaderData<typeof loader>();
  return <SignInProblem message={message} />;
}
