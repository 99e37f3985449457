// SPDX-License-Identifier: EUPL-1.2
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getContent } from "~/content/content.server";
import { issueCertificateIfEligible, trackCertificateState, type TrackCertificateState } from "~/modules/certification/certification.server";
import { requireLearner, tracksFor } from "~/modules/learning/access.server";
import { creditedSteps } from "~/modules/certification/credits.server";
import { formatMinutesLeft, loadProgress, moduleUrl, trackProgress, type TestState } from "~/modules/learning/progress.server";
import { formatDate, formatDateTime } from "~/lib/dates";
import { sessionStepProgress, type SessionStepProgress } from "~/modules/course-days/progress.server";
import { getDb } from "~db/client.server";

export const meta: MetaFunction = () => [{ title: "Min utbildning – Coachportalen" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireLearner({ request, context });
  const content = getContent();
  const db = getDb();
  const records = await loadProgress(db, user.id);
  const tracks = tracksFor(content, user);
  const certificates = new Map<string, TrackCertificateState>();
  const sessionSteps = new Map<string, SessionStepProgress[]>();
  const credits = new Map<string, Map<string, string>>();
  for (const track of tracks) {
    credits.set(track.slug, await creditedSteps(db, user.id, track.slug));
    // Catches up on a track completed before certificates were issued on the spot (or in the seed); issues nothing twice.
    await issueCertificateIfEligible(db, { userId: user.id, track, content });
    certificates.set(track.slug, await trackCertificateState(db, { userId: user.id, track, content }));
    sessionSteps.set(track.slug, await sessionStepProgress(db, { userId: user.id, track }));
  }
  return {
    tracks: tracks.map((track) => {
      const progress = trackProgress(content, track, records);
      return {
        certificate: certificates.get(track.slug) ?? ({ kind: "none" } as TrackCertificateState),
        requiresSessions: track.sessions.some((s) => s.required),
        sessions: (sessionSteps.get(track.slug) ?? []).map((step) => ({
          key: step.key,
          title: step.title,
          description: step.description,
          required: step.required,
          status: stepStatusText(step),
          done: step.status.kind === "attended" || step.status.kind === "credited",
          url: "sessionId" in step.status ? `/traffar/${step.status.sessionId}` : null,
        })),
        slug: track.slug,
        title: track.title,
        summary: track.summary,
        modulesTotal: progress.modules.length,
        modulesComplete: progress.modulesComplete,
        timeLeft: progress.minutesLeft > 0 ? formatMinutesLeft(progress.minutesLeft) : null,
        next: progress.next ? { url: progress.next.url, title: progress.next.title, started: progress.next.started } : null,
        modules: progress.modules.map((m) => ({
          credited: credits.get(track.slug)?.get(m.slug) ?? null,
          slug: m.slug,
          title: m.title,
          url: moduleUrl(track.slug, m.slug),
          lessonsDone: m.lessonsDone,
          lessonsTotal: m.lessonsTotal,
          test: m.test,
          complete: m.complete || credits.get(track.slug)?.has(m.slug) === true,
        })),
      };
    }),
  };
}

function stepStatusText(step: SessionStepProgress): string {
  const status = step.status;
  if (status.kind === "attended") return `Du var med ${formatDate(status.at)}`;
  if (status.kind === "credited") return `Registrerad av din samordnare, genomförd ${formatDate(status.at)}`;
  if (status.kind === "booked") return `Du har en plats ${formatDateTime(status.startsAt)}`;
  if (status.kind === "waitlisted") return `Du står på väntelistan till ${formatDateTime(status.startsAt)}`;
  return step.required ? "Inte gjord än: anmäl dig till ett tillfälle" : "Inte anmäld";
}

type TrackView = Awaited<ReturnType<typeof loader>>["tracks"][number];

const TEST_TEXT: Record<TestState, string> = {
  locked: "Kunskapstestet öppnas när lektionerna är lästa",
  open: "Kunskapstestet väntar",
  failed: "Kunskapstestet är inte godkänt än",
  passed: "Kunskapstestet är godkänt",
};

function ProgressBar({ done, total }: { done: number; total: number }) {
  const percent = total ? Math.round((done / total) * 100) : 0;
  return (
    <div className="h-2.5 w-full overflow-hidden rounded-full bg-gray-200" aria-hidden="true">
      <div className="h-full rounded-full bg-brand-600" style={{ width: `${percent}%` }} />
    </div>
  );
}

function CertificateState({ state, headingId, requiresSessions }: { state: TrackView["certificate"]; headingId: string; requiresSessions: boolean }) {
  if (state.kind === "none") {
    return (
      <p className="mt-2">
        Du får ditt intyg när du har läst alla lektioner och klarat kunskapstestet i varje modul
        {requiresSessions ? " och har varit med på utbildningsdagarna" : ""}.
      </p>
    );
  }
  if (state.kind === "valid") {
    return (
      <div className="notice-success mt-2">
        <p className="font-semibold">Du är certifierad.</p>
        <p className="mt-1">
          Ditt intyg gäller till och med {state.validThrough}.{state.refresherOpens ? ` Repetitionen öppnar ${state.refresherOpens}.` : ""}
        </p>
        <p className="mt-2">
          <Link to="/intyg">Se ditt intyg</Link>
        </p>
      </div>
    );
  }
  if (state.kind === "refresher") {
    return (
      <div className="notice-info mt-2">
        <p className="font-semibold">Dags för repetitionen.</p>
        <p className="mt-1">
          Ditt intyg gäller till och med {state.validThrough}. Gör repetitionen senast den dagen, så gäller intyget till och med {state.renewedThrough}.
        </p>
        <p className="mt-3 flex flex-wrap items-center gap-3">
          <Link to={state.refresher.url} className="btn-primary" aria-describedby={`${headingId}-repetition`}>
            Gör repetitionen
          </Link>
          <span id={`${headingId}-repetition`} className="text-sm">
            Nästa: {state.refresher.title}
          </span>
        </p>
        {state.boosterWithinMonths ? (
          <p className="mt-2">
            Har du varit på en <Link to="/traffar">boosterträff</Link> de senaste {state.boosterWithinMonths} månaderna förnyas intyget ändå, utan repetitionen.
          </p>
        ) : null}
        <p className="mt-2">
          <Link to="/intyg">Se ditt intyg</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="notice-info mt-2">
      <p className="font-semibold">{state.reason === "revoked" ? `Ditt intyg återkallades ${state.endedOn}.` : `Ditt intyg gällde till och med ${state.endedOn}.`}</p>
      <p className="mt-1">
        {state.reason === "revoked" ? "Kontakta din ANDTS-samordnare om du har frågor. " : "Repetitionen förnyar bara ett intyg som fortfarande gäller. "}
        För att få ett nytt intyg gör du om kunskapstestet i varje modul.
      </p>
      {state.next ? (
        <p className="mt-3 flex flex-wrap items-center gap-3">
          <Link to={state.next.url} className="btn-primary" aria-describedby={`${headingId}-nytt-intyg`}>
            Gör om kunskapstestet
          </Link>
          <span id={`${headingId}-nytt-intyg`} className="text-sm">
            Nästa: {state.next.title}
          </span>
        </p>
      ) : null}
      <p className="mt-2">
        <Link to="/intyg">Se dina intyg</Link>
      </p>
    </div>
  );
}

function TrackCard({ track }: { track: TrackView }) {
  const headingId = `spar-${track.slug}`;
  return (
    <section aria-labelledby={headingId} className="card">
      <h2 id={headingId}>{track.title}</h2>
      <p className="mt-1 text-muted">{track.summary}</p>
      <div className="mt-4 space-y-2">
        <p className="font-semibold">
          {track.modulesComplete} av {track.modulesTotal} {track.modulesTotal === 1 ? "modul" : "moduler"} klara
        </p>
        <ProgressBar done={track.modulesComplete} total={track.modulesTotal} />
        <p className="text-sm text-muted">{track.timeLeft
            ? `Tid kvar: ${track.timeLeft}.`
            : track.sessions.some((s) => s.required && !s.done)
            ? "Du har gått klart alla moduler. Kvar är träffarna på plats."
            : "Du har gått klart hela utbildningen."}</p>
      </div>
      {track.next ? (
        <p className="mt-4">
          <Link to={track.next.url} className="btn-primary" aria-describedby={`${headingId}-nasta`}>
            {track.next.started ? "Fortsätt" : "Börja"}
          </Link>
          <span id={`${headingId}-nasta`} className="ml-3 text-sm">
            Nästa: {track.next.title}
          </span>
        </p>
      ) : null}
      <h3 className="mt-6 text-lg font-semibold">Intyg</h3>
      <CertificateState state={track.certificate} headingId={headingId} requiresSessions={track.requiresSessions} />
      <h3 className="mt-6 text-lg font-semibold">Moduler</h3>
      <ol className="mt-2 divide-y divide-gray-200">
        {track.modules.map((module, i) => (
          <li key={module.slug} className="py-3">
            <Link to={module.url} className="font-semibold">
              {i + 1}. {module.title}
            </Link>
            <p className="text-sm">
              {module.complete ? (
                <span className="badge mr-2 bg-brand-100 text-brand-800">
                  <span aria-hidden="true">✓ </span>Klar
                </span>
              ) : null}
              {module.credited && module.lessonsDone < module.lessonsTotal
                ? `Registrerad av din samordnare, genomförd ${formatDate(module.credited)}`
                : `${module.lessonsDone} av ${module.lessonsTotal} lektioner lästa · ${TEST_TEXT[module.test]}`}
            </p>
          </li>
        ))}
      </ol>
      {track.sessions.length > 0 ? (
        <>
          <h3 className="mt-6 text-lg font-semibold">Träffar på plats</h3>
          <ul className="mt-2 divide-y divide-gray-200">
            {track.sessions.map((step) => (
              <li key={step.key} className="py-3">
                <p className="font-semibold">
                  {step.title}
                  {step.required ? null : <span className="ml-2 text-sm font-normal text-muted">(behövs inte för det första intyget)</span>}
                </p>
                <p className="text-sm">
                  {step.done ? (
                    <span className="badge mr-2 bg-brand-100 text-brand-800">
                      <span aria-hidden="true">✓ </span>Klar
                    </span>
                  ) : null}
                  {step.url ? <Link to={step.url}>{step.status}</Link> : step.status}
                </p>
              </li>
            ))}
          </ul>
          <p className="mt-2">
            <Link to="/traffar">Se alla träffar och anmäl dig</Link>
          </p>
        </>
      ) : null}
    </section>
  );
}

export default function MyTraining() {
  const { tracks } = useLoaderData<typeof loader>();
  return (
    <div className="max-w-3xl">
      <h1>Min utbildning</h1>
      {tracks.length === 0 ? (
        <p className="mt-4">Det finns ingen utbildning för dig just nu. Din ANDTS-samordnare berättar när det kommer en.</p>
      ) : (
        <div className="mt-6 space-y-8">
          {tracks.map((track) => (
            <TrackCard key={track.slug} track={track} />
          ))}
        </div>
      )}
    </div>
  );
}
