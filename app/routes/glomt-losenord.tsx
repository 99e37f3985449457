import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { ErrorSummary, Field, Notice } from "~/components/forms";
import { fields, parseForm } from "~/lib/validation";
import { redirectIfSignedIn } from "~/modules/access/permissions.server";
import { requestEmailLink } from "~/modules/auth/account.server";
import { throttleMessage } from "~/modules/auth/throttle.server";
import { getDb } from "~db/client.server";

export const meta: MetaFunction = () => [{ title: "Glömt lösenordet – Coachportalen" }];

const schema = z.object({ email: fields.email() });

export async function loader({ request }: LoaderFunctionArgs) {
  await redirectIfSignedIn(request);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  await redirectIfSignedIn(request);
  const parsed = parseForm(schema, await request.formData());
  if (!parsed.ok) return data({ sent: false, errors: parsed.errors, values: parsed.values }, { status: 400 });

  const values = { email: parsed.data.email };
  const result = await requestEmailLink(getDb(), { email: parsed.data.email, ip: context.clientIp, purpose: "password_reset" });
  if (result.status === "throttled") {
    return data({ sent: false, errors: { form: throttleMessage(result.verdict) }, values }, { status: 429 });
  }
  return { sent: true, errors: undefined, values };
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
