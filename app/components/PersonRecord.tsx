// SPDX-License-Identifier: EUPL-1.2
// A person's training as their coordinator sees it: a summary first, then each module begun with
// its lessons and test attempts, their certificates and the earlier training registered for them.
import { Form, Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { DataTable } from "~/components/DataTable";
import { formatDate, formatNumber } from "~/lib/dates";
import type { PersonRecord as PersonRecordData, RecordModule } from "~/modules/roster/roster.server";

const TEST_STATE_TEXT: Record<RecordModule["test"], string> = {
  locked: "öppnas när alla lektioner är lästa",
  open: "inte gjort ännu",
  failed: "inte godkänt ännu",
  passed: "godkänt",
};

const dayOf = (isoDay: string) => formatDate(`${isoDay}T12:00:00Z`);

function OlderVersion() {
  return <span className="badge ml-2">äldre version</span>;
}

function ModuleTables({ module }: { module: RecordModule }) {
  return (
    <>
      <DataTable label={`Lektioner i ${module.title}`} caption={<>Lektioner i {module.title}</>} className="mb-3">
        <thead>
          <tr>
            <th scope="col">Lektion</th>
            <th scope="col">Läst</th>
          </tr>
        </thead>
        <tbody>
          {module.lessons.map((lesson) => (
            <tr key={lesson.slug}>
              <th scope="row" className="font-normal">
                {lesson.title}
              </th>
              <td>
                {lesson.completedAt ? formatDate(lesson.completedAt) : "Inte läst"}
                {lesson.olderVersion ? <OlderVersion /> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </DataTable>
      {module.attempts.length === 0 ? (
        <p>Inga försök på kunskapstestet.</p>
      ) : (
        <DataTable label={`Försök på kunskapstestet i ${module.title}`} caption={<>Försök på kunskapstestet i {module.title}</>}>
          <thead>
            <tr>
              <th scope="col">Datum</th>
              <th scope="col">Resultat</th>
              <th scope="col">Godkänt</th>
            </tr>
          </thead>
          <tbody>
            {module.attempts.map((attempt) => (
              <tr key={attempt.id}>
                <th scope="row" className="font-normal">
                  {formatDate(attempt.submittedAt)}
                </th>
                <td>
                  {formatNumber(attempt.score)} av {formatNumber(attempt.maxScore)} rätt
                  {attempt.olderVersion ? <OlderVersion /> : null}
                </td>
                <td>{attempt.passed ? "Ja" : "Nej"}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
    </>
  );
}

const moduleName = (module: RecordModule) => (module.refresher ? `Repetition: ${module.title}` : module.title);

function ModuleRecord({ module, headingLevel }: { module: RecordModule; headingLevel: "h3" | "h4" }) {
  const Heading = headingLevel;
  const read = module.lessons.filter((l) => l.completedAt).length;
  // A module not begun is one line, and a finished one keeps its detail behind a summary:
  // the page leads with what is going on now (issue #20, finding 4).
  if (!module.started) {
    return (
      <p className="mb-3">
        <span className="font-semibold">{moduleName(module)}</span>: inte påbörjad ({formatNumber(module.lessons.length)} lektioner och ett kunskapstest).
      </p>
    );
  }
  const status = (
    <>
      {module.complete ? "Klar. " : ""}
      {formatNumber(read)} av {formatNumber(module.lessons.length)} lektioner lästa, kunskapstestet {TEST_STATE_TEXT[module.test]}.
    </>
  );
  return (
    <div className="mb-6">
      <Heading className="mb-1 text-lg font-semibold">{moduleName(module)}</Heading>
      {module.complete ? (
        <details>
          <summary>{status}</summary>
          <div className="mt-2">
            <ModuleTables module={module} />
          </div>
        </details>
      ) : (
        <>
          <p className="mb-2">{status}</p>
          <ModuleTables module={module} />
        </>
      )}
    </div>
  );
}

function TrainingSection({ record }: { record: PersonRecordData }) {
  const several = record.tracks.length > 1;
  return (
    <section aria-labelledby="training-heading">
      <h2 id="training-heading">Utbildning</h2>
      {record.olderVersion ? (
        <p>
          Markeringen <span className="badge">äldre version</span> betyder att lektionen lästes eller testet gjordes innan modulens innehåll ändrades senast.
        </p>
      ) : null}
      {record.tracks.length === 0 ? <p>Det finns ingen utbildning för den här rollen ännu.</p> : null}
      {record.tracks.map((track) => (
        <div key={track.slug}>
          {several ? <h3 className="mb-2 text-lg font-semibold">{track.title}</h3> : null}
          {track.modules.map((module) => (
            <ModuleRecord key={module.slug} module={module} headingLevel={several ? "h4" : "h3"} />
          ))}
        </div>
      ))}
    </section>
  );
}

function CertificatesSection({ certificates }: { certificates: PersonRecordData["certificates"] }) {
  return (
    <section aria-labelledby="certificates-heading">
      <h2 id="certificates-heading">Intyg</h2>
      {certificates.length === 0 ? (
        <p>Inga intyg ännu.</p>
      ) : (
        <DataTable label="Tabell över intyg" caption="Intyg, det senast utfärdade först">
          <thead>
            <tr>
              <th scope="col">Kod</th>
              <th scope="col">Utbildning</th>
              <th scope="col">Utfärdat</th>
              <th scope="col">Giltigt till och med</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {certificates.map((cert) => (
              <tr key={cert.id}>
                <th scope="row" className="font-normal whitespace-nowrap">
                  <Link to={`/samordnare/intyg/${cert.id}`}>
                    <span className="sr-only">Intyg </span>
                    {cert.code}
                  </Link>
                </th>
                <td>{cert.trackTitle}</td>
                <td>{formatDate(cert.issuedAt)}</td>
                <td>{dayOf(cert.lastValidDay)}</td>
                <td>
                  {cert.statusLabel[0]!.toUpperCase() + cert.statusLabel.slice(1)}
                  {cert.revokedAt ? (
                    <span className="block text-muted">
                      {formatDate(cert.revokedAt)}
                      {cert.revokedReason ? `: ${cert.revokedReason}` : ""}
                    </span>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
    </section>
  );
}

/** A reason refused for one credit's removal, shown beside that credit. */
export interface RemovalError {
  creditId: string;
  message: string;
}

function RemoveCredit({ id, title, error }: { id: string; title: string; error: string | null }) {
  const field = `reason-${id}`;
  return (
    <details open={error !== null}>
      <summary>Ta bort</summary>
      <Form method="post" className="mt-2" noValidate>
        <input type="hidden" name="intent" value="remove-credit" />
        <input type="hidden" name="credit" value={id} />
        <label htmlFor={field} className="field-label">
          Varför tas {title} bort?
        </label>
        {error ? (
          <p id={`${field}-error`} className="field-error">
            <span className="sr-only">Fel: </span>
            {error}
          </p>
        ) : null}
        <textarea id={field} name="reason" rows={2} required aria-invalid={error ? true : undefined} aria-describedby={error ? `${field}-error` : undefined} />
        <p className="field-hint">Ett intyg som bara gällde tack vare registreringen återkallas med samma skäl, och coachen får ett mejl.</p>
        <button type="submit" className="btn-danger">
          Ta bort registreringen
        </button>
      </Form>
    </details>
  );
}

function PriorTrainingSection({ personId, records, removalError }: { personId: string; records: PersonRecordData["priorTraining"]; removalError: RemovalError | null }) {
  return (
    <section aria-labelledby="prior-heading">
      <h2 id="prior-heading">Tidigare utbildning</h2>
      {records.length === 0 ? (
        <p>Ingen tidigare utbildning är registrerad.</p>
      ) : (
        <DataTable label="Registrerad tidigare utbildning" caption="Tidigare utbildning, registrerad av samordnare">
          <thead>
            <tr>
              <th scope="col">Moment</th>
              <th scope="col">Datum</th>
              <th scope="col">Anteckning</th>
              <th scope="col">Registrerad av</th>
              <th scope="col">Ändra</th>
            </tr>
          </thead>
          <tbody>
            {records.map((r) => (
              <tr key={r.id}>
                <th scope="row" className="font-normal">
                  {r.stepTitle}
                  <span className="block text-muted">{r.trackTitle}</span>
                </th>
                <td className="whitespace-nowrap">{r.completedOn}</td>
                <td>{r.note ?? ""}</td>
                <td>
                  Registrerad av samordnare{r.registeredByName ? ` (${r.registeredByName})` : ""}
                </td>
                <td>
                  <RemoveCredit id={r.id} title={r.stepTitle} error={removalError?.creditId === r.id ? removalError.message : null} />
                </td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
      <p>
        <Link to={`/samordnare/tidigare-utbildning?coach=${encodeURIComponent(personId)}`}>Registrera tidigare utbildning för den här personen</Link>
      </p>
    </section>
  );
}

function nextStepText(next: PersonRecordData["nextStep"]): string {
  if (!next) return "Klar med utbildningen.";
  const lessons = `${formatNumber(next.lessonsLeft)} ${next.lessonsLeft === 1 ? "lektion" : "lektioner"} kvar`;
  if (next.test === "passed") return `${next.moduleTitle}: ${lessons}.`;
  if (next.lessonsLeft > 0) return `${next.moduleTitle}: ${lessons} och sedan kunskapstestet.`;
  return `${next.moduleTitle}: kunskapstestet återstår${next.test === "failed" ? " (inte godkänt ännu)" : ""}.`;
}

/**
 * What a coordinator looks for first: where the person stands, their certificate, what comes
 * next and what can be done, before the module-by-module detail.
 */
export function PersonSummary({ record, isCoach, children }: { record: PersonRecordData; isCoach: boolean; children?: ReactNode }) {
  const certificate = record.certificates.find((c) => c.status === "valid") ?? record.certificates[0];
  return (
    <section aria-labelledby="summary-heading" className="card mb-8">
      <h2 id="summary-heading" className="mt-0">
        Översikt
      </h2>
      <dl className="grid grid-cols-1 gap-x-6 gap-y-1 sm:grid-cols-[auto_1fr]">
        {record.statusLabel ? (
          <>
            <dt className="font-semibold">Läge</dt>
            <dd>{record.statusLabel}</dd>
          </>
        ) : null}
        {isCoach ? (
          <>
            <dt className="font-semibold">Intyg</dt>
            <dd>
              {certificate ? (
                <>
                  <Link to={`/samordnare/intyg/${certificate.id}`}>{certificate.code}</Link>, {certificate.statusLabel}
                  {certificate.status === "valid" ? ` till och med ${dayOf(certificate.lastValidDay)}` : ""}
                </>
              ) : (
                "Inget intyg ännu"
              )}
            </dd>
          </>
        ) : null}
        <dt className="font-semibold">Nästa steg</dt>
        <dd>{record.tracks.length === 0 ? "Det finns ingen utbildning för den här rollen ännu." : nextStepText(record.nextStep)}</dd>
        <dt className="font-semibold">Framsteg</dt>
        <dd>
          {formatNumber(record.progress.modulesDone)} av {formatNumber(record.progress.modulesTotal)} moduler, {formatNumber(record.progress.lessonsDone)} av{" "}
          {formatNumber(record.progress.lessonsTotal)} lektioner
        </dd>
        <dt className="font-semibold">Senast aktiv</dt>
        <dd>{record.lastActivityAt ? formatDate(record.lastActivityAt) : "Inte ännu"}</dd>
      </dl>
      {children}
    </section>
  );
}

/** The training, certificate (coaches only) and earlier-training sections of a person's page. */
export function PersonRecord({
  personId,
  record,
  isCoach,
  removalError = null,
}: {
  personId: string;
  record: PersonRecordData;
  isCoach: boolean;
  removalError?: RemovalError | null;
}) {
  return (
    <>
      <TrainingSection record={record} />
      {isCoach ? <CertificatesSection certificates={record.certificates} /> : null}
      <PriorTrainingSection personId={personId} records={record.priorTraining} removalError={removalError} />
    </>
  );
}
