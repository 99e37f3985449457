// SPDX-License-Identifier: EUPL-1.2
// The one form behind "Glömt lösenordet?" and "Logga in med en länk": an address in, the same
// answer whether or not it has an account, throttled per address and IP. It lives beside the two
// routes that use it (glomt-losenord.tsx, logga-in_.lank.tsx); a .server file is no route.
import { data, type ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { readForm } from "~/lib/form.server";
import { fields, parseForm } from "~/lib/validation";
import { redirectIfSignedIn } from "~/modules/access/permissions.server";
import { getDb } from "~db/client.server";
import { requestEmailLink } from "~/modules/auth/account.server";
import { throttleMessage } from "~/modules/auth/throttle.server";

const schema = z.object({ email: fields.email() });

// For a known address a token and an email are written, for an unknown one nothing: a few
// milliseconds a stopwatch could tell apart. Every answer to a valid address therefore leaves
// no sooner than this after the request began, far longer than that work takes, so both take
// the same time. The wait is a timer: it holds nothing else up.
export const EMAIL_LINK_ANSWER_MS = 200;

function answerNoSoonerThan(moment: number): Promise<void> {
  const wait = moment - performance.now();
  return wait > 0 ? new Promise((resolve) => setTimeout(resolve, wait)) : Promise.resolve();
}

export async function emailLinkRequestAction({ request, context }: Pick<ActionFunctionArgs, "request" | "context">, purpose: "password_reset" | "login_link") {
  const started = performance.now();
  await redirectIfSignedIn({ request, context });
  const parsed = parseForm(schema, await readForm(request));
  if (!parsed.ok) return data({ sent: false, errors: parsed.errors, values: parsed.values }, { status: 400 });

  const values = { email: parsed.data.email };
  const result = await requestEmailLink(getDb(), { email: parsed.data.email, ip: context.clientIp, purpose });
  await answerNoSoonerThan(started + EMAIL_LINK_ANSWER_MS);
  if (result.status === "throttled") {
    return data({ sent: false, errors: { form: throttleMessage(result.verdict) }, values }, { status: 429 });
  }
  return { sent: true, errors: undefined, values };
}
