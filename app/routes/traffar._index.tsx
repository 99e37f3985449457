// SPDX-License-Identifier: EUPL-1.2
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getContent } from "~/content/content.server";
import { formatDateTime, formatNumber } from "~/lib/dates";
import { requireUser } from "~/modules/access/permissions.server";
import { sessionWhen } from "~/modules/course-days/emails.server";
import { listSessionsForCoach, signupState, stepTitle, type CoachSession } from "~/modules/course-days/course-days.server";
import { getDb } from "~db/client.server";

export const meta: MetaFunction = () => [{ title: "Träffar – Coachportalen" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser({ request, context }, { roles: ["coach"] });
  const content = getContent();
  const now = new Date();
  const sessions = user.municipalityId ? await listSessionsForCoach(getDb(), { userId: user.id, municipalityId: user.municipalityId, now }) : [];
  const view = (s: CoachSession) => ({
    id: s.id,
    title: stepTitle(content, s.track, s.stepKey),
    when: sessionWhen(s),
    place: s.place,
    placesLeft: Math.max(0, s.capacity - s.booked),
    waitlisted: s.waitlisted,
    state: signupState(s, now),
    deadline: formatDateTime(s.signupDeadline),
    myStatus: s.myStatus,
    myPlaceInQueue: s.myPlaceInQueue,
    joint: s.partnerMunicipalityName ? `${s.municipalityName} och ${s.partnerMunicipalityName}` : null,
  });
  const all = sessions.map(view);
  return {
    mine: all.filter((s) => s.myStatus === "booked" || s.myStatus === "waitlisted"),
    others: all.filter((s) => s.myStatus !== "booked" && s.myStatus !== "waitlisted" && s.state !== "cancelled"),
  };
}

type SessionView = ReturnType<typeof useLoaderData<typeof loader>>["mine"][number];

function Availability({ s }: { s: SessionView }) {
  if (s.state === "cancelled") return <span className="badge bg-red-50 text-danger">Inställd</span>;
  if (s.myStatus === "booked") return <span className="badge bg-brand-100 text-brand-800">Du har en plats</span>;
  if (s.myStatus === "waitlisted") return <span className="badge">Du står på väntelistan, som nummer {s.myPlaceInQueue}</span>;
  if (s.state === "closed") return <>Anmälan är stängd</>;
  if (s.state === "started") return <>Träffen har börjat</>;
  return s.placesLeft > 0 ? (
    <>
      {formatNumber(s.placesLeft)} {s.placesLeft === 1 ? "plats" : "platser"} kvar · sista anmälan {s.deadline}
    </>
  ) : (
    <>Fullbokad · du kan ställa dig på väntelistan</>
  );
}

function SessionCards({ sessions }: { sessions: SessionView[] }) {
  return (
    <ul className="space-y-3">
      {sessions.map((s) => (
        <li key={s.id} className="card p-4">
          <p className="text-lg font-semibold">
            <Link to={`/traffar/${s.id}`}>
              {s.title}, {s.when}
            </Link>
          </p>
          <p className="mt-1 break-words">{s.place}</p>
          {s.joint ? <p className="mt-1 text-sm text-muted">Gemensam träff för {s.joint}</p> : null}
          <p className="mt-2 text-sm">
            <Availability s={s} />
          </p>
        </li>
      ))}
    </ul>
  );
}

export default function CoachSessions() {
  const { mine, others } = useLoaderData<typeof loader>();
  return (
    <div className="max-w-3xl">
      <h1>Träffar</h1>
      <p className="mt-2 text-muted">Utbildningsdagar och boosterträffar på plats. Anmäl dig här, så får du en bekräftelse med en kalenderfil.</p>
      <section aria-labelledby="mina" className="mt-8">
        <h2 id="mina" className="mb-3">
          Mina anmälningar
        </h2>
        {mine.length === 0 ? <p>Du är inte anmäld till någon träff.</p> : <SessionCards sessions={mine} />}
      </section>
      <section aria-labelledby="kommande" className="mt-8">
        <h2 id="kommande" className="mb-3">
          Kommande träffar
        </h2>
        {others.length === 0 ? <p>Det finns inga fler träffar att anmäla sig till just nu. Din ANDTS-samordnare lägger upp nya datum.</p> : <SessionCards sessions={others} />}
      </section>
    </div>
  );
}
