// SPDX-License-Identifier: EUPL-1.2
// A published version as it stands, read-only: its wording never changes. "Rätta löftet" opens a
// draft copy to correct (or the one already open); a replaced version links to its replacement.
import { Form, Link } from "@remix-run/react";
import type { EditorActionData, EditorPromise } from "./PromiseEditorTypes";

interface Props {
  promise: EditorPromise;
  /** A correction someone has started and not yet published: continued, not started again. */
  openCorrectionId: string | null;
  answer: EditorActionData | undefined;
  busy: boolean;
}

export function PromiseEditorReadOnly({ promise, openCorrectionId, answer, busy }: Props) {
  const problem = answer?.intent === "correct" ? answer.errors.form : null;
  return (
    <>
      {promise.replacedById ? (
        <div className="notice-info mt-4">
          <p>
            Den här versionen är ersatt av en rättelse. <Link to={`/samordnare/loften/${promise.replacedById}`}>Gå till den gällande versionen</Link>.
          </p>
        </div>
      ) : null}
      {promise.correctionNote ? (
        <p className="mt-4">
          <span className="font-semibold">Rättelse:</span> {promise.correctionNote}{" "}
          {promise.replacesId ? <Link to={`/samordnare/loften/${promise.replacesId}`}>Se versionen som rättades</Link> : null}
        </p>
      ) : null}
      <dl className="mt-4 grid gap-x-4 gap-y-2 sm:grid-cols-[auto_1fr]">
        <dt className="font-semibold">Polisområde</dt>
        <dd>{promise.policeArea}</dd>
        <dt className="font-semibold">Period</dt>
        <dd>
          {promise.periodStart} – {promise.periodEnd}
        </dd>
        <dt className="font-semibold">Undertecknat</dt>
        <dd>{promise.signedOn ?? "–"}</dd>
        <dt className="font-semibold">Kommuner</dt>
        <dd>{promise.municipalities.map((m) => m.name).join(", ")}</dd>
        <dt className="font-semibold">Rapporter</dt>
        <dd>{promise.promisedReports}</dd>
        <dt className="font-semibold">Publicerat</dt>
        <dd>{promise.publishedOn}</dd>
      </dl>
      {promise.reportingWording ? <blockquote className="mt-4 whitespace-pre-line border-l-4 border-gray-300 pl-4">{promise.reportingWording}</blockquote> : null}
      {promise.hasDocument ? (
        <p className="mt-4">
          <a href={`/samordnare/loften/${promise.id}/dokument.pdf`}>Det undertecknade löftet (PDF)</a>
        </p>
      ) : null}

      {promise.focusAreas.map((area) => (
        <section key={area.id} aria-labelledby={`omrade-${area.id}`} className="mt-8">
          <h2 id={`omrade-${area.id}`}>{area.title}</h2>
          <ol className="mt-3 space-y-4">
            {area.commitments.map((c) => (
              <li key={c.id} className="card p-4">
                <blockquote className="whitespace-pre-line">{c.wording}</blockquote>
                <p className="mt-2">{c.summary}</p>
                <p className="mt-2 text-sm text-muted">
                  {c.ownerLabel}
                  {c.target ? ` · Mål: ${c.target}${c.targetCount ? ` (${c.targetCount})` : ""}` : ""}
                  {c.measureLabel ? ` · Kopplat till: ${c.measureLabel}` : ""}
                  {c.guideLabel ? ` · Vägledning för invånare: ${c.guideLabel}` : ""}
                </p>
              </li>
            ))}
          </ol>
        </section>
      ))}

      {promise.replacedById ? null : (
        <section aria-labelledby="ratta" className="card mt-8 p-4">
          <h2 id="ratta">Rätta löftet</h2>
          <p className="mt-1">
            Ordalydelsen i ett publicerat löfte ändras aldrig. Är något fel gör du en rättad version: ett utkast med samma innehåll som du ändrar och publicerar
            med en kommentar om vad som rättades. Aktiviteter och status följer med till den nya versionen.
          </p>
          {problem ? <p className="field-error mt-2">{problem}</p> : null}
          {openCorrectionId ? (
            <p className="mt-3">
              En rättelse är påbörjad men inte publicerad. <Link to={`/samordnare/loften/${openCorrectionId}`}>Fortsätt med rättelsen</Link>
            </p>
          ) : (
            <Form method="post" className="mt-3">
              <input type="hidden" name="intent" value="correct" />
              <button type="submit" className="btn-primary" disabled={busy}>
                Rätta löftet
              </button>
            </Form>
          )}
        </section>
      )}
    </>
  );
}
