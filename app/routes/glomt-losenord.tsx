// SPDX-License-Identifier: EUPL-1.2
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { ErrorSummary, Field, Notice } from "~/components/forms";
import { redirectIfSignedIn } from "~/modules/access/permissions.server";
import { emailLinkRequestAction } from "~/modules/auth/email-link-request.server";

export const meta: MetaFunction = () => [{ title: "Glömt lösenordet – Coachportalen" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await redirectIfSignedIn({ request, context });
  return null;
}

export async function action(args: ActionFunctionArgs) {
  return emailLinkRequestAction(args, "password_reset");
}

export default function ForgottenPassword() {
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const errors = actionData?.errors as Record<string, string> | undefined;
  return (
    <div className="max-w-xl">
      <h1>Glömt lösenordet?</h1>
      {actionData?.sent ? (
        <Notice>
          Om adressen finns hos oss har vi skickat en länk till {actionData.values.email}. Länken gäller i en timme och
          fungerar en gång. Hittar du inget meddelande, titta i skräpposten.
        </Notice>
      ) : (
        <p className="mb-6 text-muted">
          Skriv den e-postadress du loggar in med. Vi skickar en länk där du kan välja ett nytt lösenord.
        </p>
      )}
      <ErrorSummary errors={errors} labels={{ email: "E-postadress" }} />
      <Form method="post" noValidate>
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
        <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
          {actionData?.sent ? "Skicka länken igen" : "Skicka länk"}
        </button>
      </Form>
      <p className="mt-8">
        <Link to="/logga-in">Tillbaka till inloggningen</Link>
      </p>
    </div>
  );
}
