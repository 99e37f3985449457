// SPDX-License-Identifier: EUPL-1.2
import type { MetaFunction } from "@remix-run/node";
import { Link, useRouteLoaderData } from "@remix-run/react";
import { formatDate } from "~/lib/dates";
import { ROLE_HOME } from "~/lib/roles";
import type { loader as rootLoader } from "~/root";

export const meta: MetaFunction = () => [{ title: "Utbildning för ANDTS-coacher – Coachportalen" }];

const CITIZEN_PROMISE_DATE = "2023-12-18";

const AUDIENCES = [
  {
    title: "ANDTS-coacher",
    text: "Du som arbetar med eller möter unga, i kommunen eller ideellt, går utbildningen till ANDTS-coach här. Den består av korta lektioner och kunskapstest som du gör i din egen takt, också på mobilen.",
  },
  {
    title: "Skolpersonal",
    text: "Du som arbetar i skolan hittar material för lektioner, samtal med elever och föräldramöten.",
  },
  {
    title: "ANDTS-samordnare",
    text: "Du som samordnar arbetet i kommunen bjuder in coacher och skolpersonal och följer hur utbildningen går i din kommun.",
  },
  {
    title: "Invånare",
    text: "Du som bor i kommunen kan följa hur arbetet går. Där visas bara siffror för hela kommunen, aldrig uppgifter om enskilda personer.",
  },
];

const FOLLOW_UP = [
  { to: "/uppfoljning/hogsby", name: "Högsby kommun" },
  { to: "/uppfoljning/monsteras", name: "Mönsterås kommun" },
];

export default function Index() {
  const user = useRouteLoaderData<typeof rootLoader>("root")?.user ?? null;
  return (
    <div className="flex flex-col gap-12">
      <section aria-labelledby="start" className="prose-page">
        <h1 id="start">Coachportalen</h1>
        <p className="text-lg">
          Coachportalen är kommunernas webbplats för att förebygga skador av alkohol, narkotika, dopning, tobak och spel om
          pengar (ANDTS) bland unga. Här utbildas ANDTS-coacher, skolor får material att använda och invånarna kan följa
          resultaten.
        </p>
        <div className="flex flex-wrap gap-3">
          {user ? (
            <Link to={ROLE_HOME[user.role]} className="btn-primary">
              Gå till din startsida
            </Link>
          ) : (
            <Link to="/logga-in" className="btn-primary">
              Logga in
            </Link>
          )}
          <Link to="/material" className="btn-secondary">
            Material för skolan
          </Link>
        </div>
        {user ? null : (
          <p className="mt-4 text-muted">
            Du kan inte skapa ett konto själv. Din kommuns ANDTS-samordnare bjuder in dig med ett e-postmeddelande.
          </p>
        )}
      </section>

      <section aria-labelledby="for-vem">
        <h2 id="for-vem" className="mb-4">
          Vem är Coachportalen till för?
        </h2>
        <ul className="grid gap-4 sm:grid-cols-2">
          {AUDIENCES.map((audience) => (
            <li key={audience.title} className="card">
              <h3 className="mb-1 text-lg font-semibold">{audience.title}</h3>
              <p>{audience.text}</p>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="varfor" className="prose-page">
        <h2 id="varfor">Därför finns Coachportalen</h2>
        <p>
          Högsby kommun, Mönsterås kommun och Lokalpolisområde Västervik gav invånarna ett gemensamt medborgarlöfte för åren
          2024–2025: ”Lokalt medborgarlöfte i Högsby och Mönsterås kommuner 2024–2025”, daterat den{" "}
          {formatDate(CITIZEN_PROMISE_DATE)}.
        </p>
        <p>
          Ett av löftets områden är narkotika bland ungdomar. Där lovade kommunerna att ”satsa på utbildning av
          ANDTS-coacher” och att utveckla sitt ANDTS-arbete. Kommunerna och polisen lovade också att redovisa resultaten för
          invånarna minst två gånger under perioden.
        </p>
        <p>Coachportalen är byggd för det löftet: här utbildas coacherna, och här kan invånarna läsa om resultaten.</p>
      </section>

      <section aria-labelledby="uppfoljning" className="prose-page">
        <h2 id="uppfoljning">Följ arbetet i din kommun</h2>
        <p>Se hur många som har utbildats och vad kommunen har gjort, i siffror för hela kommunen.</p>
        <ul>
          {FOLLOW_UP.map((item) => (
            <li key={item.to}>
              <Link to={item.to}>Uppföljning för {item.name}</Link>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
