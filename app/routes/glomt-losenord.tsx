// SPDX-License-Identifier: EUPL-1.2
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData } from "@remix-run/react";
import { EmailLinkForm } from "~/components/EmailLinkForm";
import { redirectIfSignedIn } from "~/modules/access/permissions.server";
import { emailLinkRequestAction } from "./email-link-request.server";

export const meta: MetaFunction = () => [{ title: "Glömt lösenordet – Coachportalen" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await redirectIfSignedIn({ request, context });
  return null;
}

export async function action(args: ActionFunctionArgs) {
  return emailLinkRequestAction(args, "password_reset");
}

export default function ForgottenPassword() {
  const result = useActionData<typeof action>();
  return (
    <div className="max-w-xl">
      <h1>Glömt lösenordet?</h1>
      <EmailLinkForm
        result={result}
        validFor="en timme"
        intro="Skriv den e-postadress du loggar in med. Vi skickar en länk där du kan välja ett nytt lösenord."
        back={<Link to="/logga-in">Tillbaka till inloggningen</Link>}
      />
    </div>
  );
}
