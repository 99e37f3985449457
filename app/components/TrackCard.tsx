// SPDX-License-Identifier: EUPL-1.2
// One track on the coach's home page (/utbildning): progress, certificate, modules and course days.
import { Link } from "@remix-run/react";
import { SaveForOffline, useOfflineReading } from "~/components/OfflineSupport";
import { formatDate } from "~/lib/dates";
import type { CoachHomeTrack } from "~/modules/learning/coach-home.server";
import type { TestState } from "~/modules/learning/progress.server";

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

function CertificateState({ state, headingId, requiresSessions }: { state: CoachHomeTrack["certificate"]; headingId: string; requiresSessions: boolean }) {
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

export function TrackCard({ track }: { track: CoachHomeTrack }) {
  const headingId = `spar-${track.slug}`;
  const offlineReading = useOfflineReading();
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
      {offlineReading && track.modules.length > 0 ? <SaveForOffline paths={track.modules.map((m) => m.url)} what="utbildningen" describedBy={headingId} /> : null}
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
