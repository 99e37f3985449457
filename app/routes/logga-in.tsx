// SPDX-License-Identifier: EUPL-1.2
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useRef } from "react";
import { z } from "zod";
import { ErrorSummary, Field, Notice } from "~/components/forms";
import { readForm } from "~/lib/form.server";
import { fields, parseForm, safeRedirect } from "~/lib/validation";
import { redirectIfSignedIn } from "~/modules/access/permissions.server";
import { signInWithPassword } from "~/modules/auth/account.server";
import { sessionCookie } from "~/modules/auth/cookie.server";
import { landingAfterSignIn } from "~/modules/auth/second-factor.server";
import { listSignInChoices, providerForEmail, signInPath } from "~/modules/auth/identity-providers.server";
import { throttleMessage } from "~/modules/auth/throttle.server";
import { getDb } from "~db/client.server";

export const meta: MetaFunction = () => [{ title: "Logga in – Coachportalen" }];

const schema = z.object({
  email: fields.email(),
  password: fields.password(),
  redirectTo: z.string().optional(),
});

const SIGNED_OUT = new Map([
  ["1", "Du är utloggad."],
  ["alla", "Du är utloggad på alla enheter."],
  ["kommun", "Du är utloggad från Coachportalen. Hos kommunens inloggningstjänst kan du fortfarande vara inloggad: logga ut där också om du använder en delad dator."],
]);

export async function loader({ request, context }: LoaderFunctionArgs) {
  await redirectIfSignedIn({ request, context });
  return { providers: await listSignInChoices(getDb()) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  // An address in a domain whose municipality has its own sign-in, without a password: to its provider.
  const typed = z.object({ email: fields.email(), password: z.literal("").optional() }).safeParse(Object.fromEntries(form));
  const provider = typed.success ? await providerForEmail(getDb(), typed.data.email) : undefined;
  if (provider) {
    const back = safeRedirect(form.get("redirectTo"), "");
    return redirect(`${signInPath(provider)}${back ? `?redirectTo=${encodeURIComponent(back)}` : ""}`);
  }
  const parsed = parseForm(schema, form);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });

  const result = await signInWithPassword(getDb(), {
    email: parsed.data.email,
    password: parsed.data.password,
    ip: context.clientIp,
    userAgent: request.headers.get("user-agent"),
  });
  const values = { email: parsed.data.email };
  if (result.status === "throttled") {
    // Not a mistake in the form: the account is resting, and a link by email still lets the person in.
    return data({ lockedOut: throttleMessage(result.verdict), values }, { status: 429 });
  }
  if (result.status === "wrong_credentials") {
    return data({ errors: { form: "Fel e-postadress eller lösenord." }, values }, { status: 400 });
  }
  return redirect(landingAfterSignIn(result, parsed.data.redirectTo), {
    headers: { "Set-Cookie": sessionCookie(result.token) },
  });
}

export default function SignIn() {
  const { providers } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const errors = actionData && "errors" in actionData ? (actionData.errors as Record<string, string>) : undefined;
  const lockedOut = actionData && "lockedOut" in actionData ? actionData.lockedOut : undefined;
  // A new key after each answer remounts the password field, so a typed password is never kept.
  const answers = useRef({ last: actionData, count: 0 });
  if (answers.current.last !== actionData) answers.current = { last: actionData, count: answers.current.count + 1 };
  const attempt = answers.current.count;
  const signedOut = SIGNED_OUT.get(searchParams.get("utloggad") ?? "");
  return (
    <div className="max-w-xl">
      <h1>Logga in</h1>
      {signedOut && !errors && !lockedOut ? <Notice>{signedOut}</Notice> : null}
      {lockedOut ? (
        <Notice tone="info">
          <p>{lockedOut}</p>
          <p className="mt-2">
            Du kan logga in direkt i stället: <Link to="/logga-in/lank">Logga in med en länk via e-post</Link>.
          </p>
        </Notice>
      ) : null}
      {providers.length > 0 ? (
        <ul className="mb-8 space-y-3" aria-label="Logga in med din kommuns konto">
          {providers.map((p) => (
            <li key={p.id}>
              <a className="btn-secondary" href={`${p.path}${searchParams.get("redirectTo") ? `?redirectTo=${encodeURIComponent(searchParams.get("redirectTo")!)}` : ""}`}>
                {p.label}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
      <p className="mb-6 text-muted">
        Logga in med den e-postadress som din kommun bjöd in.
        {providers.length > 0 ? " Har din kommun egen inloggning räcker det att du skriver e-postadressen." : null}
      </p>
      <ErrorSummary errors={errors} labels={{ email: "E-postadress", password: "Lösenord" }} />
      <Form method="post" noValidate>
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
        <Field
          name="email"
          label="E-postadress"
          type="email"
          autoComplete="username"
          inputMode="email"
          required
          defaultValue={actionData?.values?.email ?? ""}
          error={errors?.email}
        />
        <Field key={`password-${attempt}`} name="password" label="Lösenord" type="password" autoComplete="current-password" required error={errors?.password} />
        <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
          Logga in
        </button>
      </Form>
      <ul className="mt-8 space-y-2">
        <li>
          <Link to="/glomt-losenord">Glömt lösenordet?</Link>
        </li>
        <li>
          <Link to="/logga-in/lank">Logga in med en länk via e-post i stället</Link>
        </li>
      </ul>
    </div>
  );
}
