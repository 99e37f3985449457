// SPDX-License-Identifier: EUPL-1.2
// "Logga in med Högsby kommuns konto via Skolfederation": sends the browser to the municipality's SAML IdP.
import { data, redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { SignInProblem } from "~/components/SignInProblem";
import { safeRedirect } from "~/lib/validation";
import { notFound, redirectIfSignedIn } from "~/modules/access/permissions.server";
import { startSamlSignIn } from "~/modules/auth/saml.server";
import { ssoFailureMessage } from "~/modules/auth/sso-account.server";
import { throttleMessage } from "~/modules/auth/throttle.server";
import { getDb } from "~db/client.server";

export const meta: MetaFunction = () => [{ title: "Inloggningen misslyckades – Coachportalen" }];

// A GET, as for OpenID Connect: starting a sign-in writes only a short-lived request row.
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  await redirectIfSignedIn({ request, context });
  const back = new URL(request.url).searchParams.get("redirectTo");
  const result = await startSamlSignIn(getDb(), params.id ?? "", { redirectTo: back ? safeRedirect(back, "") || null : null, ip: context.clientIp });
  if (result.status === "not_found") notFound("Kommunen har ingen egen inloggning här.");
  if (result.status === "throttled") return data({ message: throttleMessage(result.verdict) }, { status: 429 });
  if (result.status === "failed") {
    const { status, message } = ssoFailureMessage(result.reason, result.provider.displayName, null);
    return data({ message }, { status });
  }
  return redirect(result.url);
}

export default function StartSamlSignIn() {
  const { message } = useLoaderData<typeof loader>();
  return <SignInProblem message={message} />;
}
