// SPDX-License-Identifier: EUPL-1.2
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData } from "@remix-run/react";
import { EmailLinkForm } from "~/components/EmailLinkForm";
import { redirectIfSignedIn } from "~/modules/access/permissions.server";
import { emailLinkRequestAction } from "./email-link-request.server";

export const meta: MetaFunction = () => [{ title: "Logga in med länk – Coachportalen" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await redirectIfSignedIn({ request, context });
  return null;
}

export async function action(args: ActionFunctionArgs) {
  return emailLinkRequestAction(args, "login_link");
}

export default function RequestLoginLink() {
  const result = useActionData<typeof action>();
  return (
    <div className="max-w-xl">
      <h1>Logga in med en länk</h1>
      <EmailLinkForm
        result={result}
        validFor="15 minuter"
        intro="Skriv den e-postadress du loggar in med. Vi skickar en länk som loggar in dig utan lösenord."
        back={<Link to="/logga-in">Logga in med lösenord i stället</Link>}
      />
    </div>
  );
}
