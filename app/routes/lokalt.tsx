// SPDX-License-Identifier: EUPL-1.2
// "Lokalt hos oss": the contacts of the signed-in member's own municipality (issue #15).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ContactCardList } from "~/components/ContactCards";
import { forbidden, requireUser } from "~/modules/access/permissions.server";
import { listContactCards } from "~/modules/municipalities/contact-cards.server";
import { getDb } from "~db/client.server";

export const meta: MetaFunction = () => [{ title: "Lokalt hos oss – Coachportalen" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser({ request, context }, { roles: ["coach", "school_staff", "coordinator"] });
  if (!user.municipalityId) forbidden("Ditt konto är inte kopplat till någon kommun.");
  return { municipalityName: user.municipalityName, coordinator: user.role === "coordinator", cards: await listContactCards(getDb(), user.municipalityId) };
}

export default function LocalContacts() {
  const { municipalityName, coordinator, cards } = useLoaderData<typeof loader>();
  return (
    <div className="prose-page">
      <h1>Lokalt hos oss i {municipalityName}</h1>
      <p>Hit vänder du dig i {municipalityName} när du är orolig för ett barn eller en ungdom, eller behöver stöd i ditt arbete.</p>
      <p>
        <strong>Är någon i fara just nu? Ring 112.</strong>
      </p>
      {cards.length === 0 ? (
        <p>
          Kommunen har inte lagt in några kontakter här ännu.{" "}
          {coordinator ? <Link to="/samordnare/kontakter">Lägg in kontaktkort</Link> : "Fråga kommunens ANDTS-samordnare."}
        </p>
      ) : (
        <ContactCardList cards={cards} />
      )}
    </div>
  );
}
