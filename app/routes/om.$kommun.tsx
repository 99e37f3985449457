// SPDX-License-Identifier: EUPL-1.2
// "Om tjänsten" for one municipality: who runs Coachportalen there, whom to contact, and who is
// responsible for the personal data (issue #15). Public, like the follow-up.
import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { cacheableData, publicPageHeaders } from "~/modules/caching/http-cache.server";
import { notFound } from "~/modules/access/permissions.server";
import { findMunicipalityBySlug } from "~/modules/municipalities/municipalities.server";
import { aboutPageOf } from "~/modules/municipalities/profile.server";
import { getDb } from "~db/client.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Om tjänsten i ${data.about.officialName} – Coachportalen` : "Om tjänsten – Coachportalen" }];

export const headers = publicPageHeaders;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const municipality = await findMunicipalityBySlug(db, params.kommun ?? "");
  if (!municipality) notFound("Kommunen finns inte i Coachportalen. Kontrollera adressen.");
  if (municipality.renamedFrom) throw redirect(`/om/${municipality.slug}`, 301);
  return cacheableData(request, { about: (await aboutPageOf(db, municipality.id))! });
}

export default function AboutTheService() {
  const { about } = useLoaderData<typeof loader>();
  const { contact } = about;
  return (
    <div className="prose-page">
      {about.logoUrl ? <img src={about.logoUrl} alt={`${about.officialName}s logotyp`} className="mb-4 max-h-20" /> : null}
      <h1>Om Coachportalen i {about.officialName}</h1>
      <p>
        {about.officialName} använder Coachportalen för att utbilda ANDTS-coacher, ge skolpersonal förebyggande material och berätta för invånarna hur arbetet
        går. Kommunen ansvarar för tjänsten och för innehållet som är kommunens eget.
      </p>

      <h2>Kontakt</h2>
      {contact.name || contact.email || contact.phone ? (
        <address className="not-italic">
          {contact.name ? (
            <p className="!mb-1">
              <strong>{contact.name}</strong>
              {contact.title ? `, ${contact.title}` : null}
            </p>
          ) : null}
          {contact.email ? (
            <p className="!mb-1">
              E-post:{" "}
              <a href={`mailto:${contact.email}`} className="break-all">
                {contact.email}
              </a>
            </p>
          ) : null}
          {contact.phone ? (
            <p className="!mb-1">
              Telefon: <a href={`tel:${contact.phone.replace(/[^+0-9]/g, "")}`}>{contact.phone}</a>
            </p>
          ) : null}
        </address>
      ) : (
        <p>Kommunen har inte angett någon kontaktperson här ännu. Kontakta kommunens växel.</p>
      )}
      {about.postalAddress ? (
        <>
          <h3>Postadress</h3>
          <p className="whitespace-pre-line">{about.postalAddress}</p>
        </>
      ) : null}
      {about.website ? (
        <p>
          Kommunens webbplats:{" "}
          <a href={about.website} className="break-all">
            {about.website.replace(/^https?:\/\//, "")}
          </a>
        </p>
      ) : null}

      <h2>Personuppgifter</h2>
      <p>
        Personuppgiftsansvarig för uppgifterna om kommunens coacher, skolpersonal och samordnare är {about.officialName}. Hur uppgifterna behandlas, hur länge
        de sparas och vilka rättigheter du har står i <Link to="/personuppgifter">informationen om personuppgifter</Link>.
      </p>

      <h2>Mer om {about.name}</h2>
      <ul>
        <li>
          <Link to={`/uppfoljning/${about.slug}`}>Uppföljning för invånarna i {about.name}</Link>
        </li>
        <li>
          <Link to="/tillganglighet">Tillgänglighetsredogörelse</Link>
        </li>
      </ul>
    </div>
  );
}
