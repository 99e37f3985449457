// The one form behind "Glömt lösenordet?" and "Logga in med en länk": an address in, the same
// answer whether or not it has an account, throttled per address and IP.
import { data, type ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { readForm } from "~/lib/form.server";
import { fields, parseForm } from "~/lib/validation";
import { redirectIfSignedIn } from "~/modules/access/permissions.server";
import { getDb } from "~db/client.server";
import { requestEmailLink } from "./account.server";
import { throttleMessage } from "./throttle.server";

const schema = z.object({ email: fields.email() });

export async function emailLinkRequestAction({ request, context }: Pick<ActionFunctionArgs, "request" | "context">, purpose: "password_reset" | "login_link") {
  await redirectIfSignedIn(request);
  const parsed = parseForm(schema, await readForm(request));
  if (!parsed.ok) return data({ sent: false, errors: parsed.errors, values: parsed.values }, { status: 400 });

  const values = { email: parsed.data.email };
  const result = await requestEmailLink(getDb(), { email: parsed.data.email, ip: context.clientIp, purpose });
  if (result.status === "throttled") {
    return data({ sent: false, errors: { form: throttleMessage(result.verdict) }, values }, { status: 429 });
  }
  return { sent: true, errors: undefined, values };
}
