// SPDX-License-Identifier: EUPL-1.2
// A promise's commitments by focus area as its coordinators and police partners follow them up:
// each commitment's status and history, its activities, and, on the commitments the viewer's
// side promised, the forms to record an activity and set the status. Every commitment's fields
// carry its id in their own, so the many forms on one page never share an id.
import { Form } from "@remix-run/react";
import { ErrorSummary, Field, TextArea } from "~/components/forms";
import { CharacterCount } from "~/components/CharacterCount";
import { formatDate } from "~/lib/dates";
import type { FollowupView } from "~/modules/promises/commitment-followup.server";
import type { Commitment } from "~/modules/promises/promises.server";

// Labels duplicated from promises.server.ts would drift; the route passes them in with the view.
export interface FollowupLabels {
  owner: Record<string, string>;
  status: Record<string, string>;
}

export interface FollowupErrors {
  intent: string;
  commitmentId: string | null;
  errors: Record<string, string>;
  values: Record<string, string>;
}

type View = Pick<FollowupView, "promise" | "side" | "live" | "actionable" | "history" | "progress">;

const FIELD_LABELS: Record<string, string> = {
  happenedOn: "Datum",
  title: "Rubrik",
  description: "Beskrivning",
  participants: "Antal deltagare",
  place: "Plats",
  status: "Status",
  note: "Kommentar till statusen",
};

/** Errors keyed by each commitment's own field ids, for the page's error summary. */
export function FollowupErrorSummary({ failed }: { failed: FollowupErrors | null }) {
  if (!failed) return null;
  const suffix = failed.commitmentId ? `-${failed.commitmentId}` : "";
  const errors = Object.fromEntries(Object.entries(failed.errors).map(([field, message]) => [field === "form" ? "form" : `${field}${suffix}`, message]));
  const labels = Object.fromEntries(Object.entries(FIELD_LABELS).map(([field, label]) => [`${field}${suffix}`, label]));
  return <ErrorSummary errors={errors} labels={labels} />;
}

export function FollowupCommitments({ view, labels, failed, busy }: { view: View; labels: FollowupLabels; failed: FollowupErrors | null; busy: boolean }) {
  return (
    <>
      {view.promise.focusAreas.map((area) => (
        <section key={area.id} aria-labelledby={`area-${area.id}`} className="mb-10">
          <h2 id={`area-${area.id}`} className="mb-3">
            {area.title}
          </h2>
          <ol className="space-y-6">
            {area.commitments.map((commitment) => (
              <li key={commitment.id}>
                <CommitmentCard
                  commitment={commitment}
                  view={view}
                  labels={labels}
                  failed={failed?.commitmentId === commitment.id ? failed : null}
                  busy={busy}
                />
              </li>
            ))}
          </ol>
        </section>
      ))}
    </>
  );
}

function CommitmentCard({ commitment, view, labels, failed, busy }: { commitment: Commitment; view: View; labels: FollowupLabels; failed: FollowupErrors | null; busy: boolean }) {
  const headingId = `c-${commitment.id}`;
  const mayAct = view.actionable.includes(commitment.id);
  const history = view.history.filter((h) => h.commitmentId === commitment.id);
  const status = commitment.status;
  return (
    <article aria-labelledby={headingId} className="card">
      <h3 id={headingId} className="text-lg font-semibold">
        {commitment.summary}
      </h3>
      <p className="text-sm text-muted">Lovat av: {labels.owner[commitment.owner]}</p>
      <blockquote className="my-3 border-l-4 border-brand-100 pl-3 italic">{commitment.wording}</blockquote>
      {commitment.target ? (
        <p>
          Mål: {commitment.target}
          {view.progress[commitment.id] ? ` (${view.progress[commitment.id]!.done} av ${view.progress[commitment.id]!.of} genomförda)` : ""}
        </p>
      ) : null}
      <p>
        <strong>Status:</strong> {labels.status[status?.status ?? "not_started"]}
        {status ? ` (${formatDate(status.recordedAt)}): ${status.note}` : ""}
      </p>
      {history.length > 1 ? (
        <details className="mt-2">
          <summary className="cursor-pointer">Tidigare status ({history.length - 1})</summary>
          <ul className="mt-2 list-disc pl-5">
            {history.slice(1).map((h, index) => (
              <li key={index}>
                {formatDate(h.recordedAt)}: {labels.status[h.status]} – {h.note}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      <ActivityList commitment={commitment} view={view} busy={busy} />
      {mayAct ? (
        <ActivityForms commitment={commitment} labels={labels} failed={failed} busy={busy} />
      ) : view.live ? (
        <p className="mt-3 text-sm text-muted">{view.side === "kommunen" ? "Polisen" : "Kommunen"} följer upp det här åtagandet.</p>
      ) : null}
    </article>
  );
}

function ActivityList({ commitment, view, busy }: { commitment: Commitment; view: View; busy: boolean }) {
  const headingId = `a-${commitment.id}`;
  return (
    <section aria-labelledby={headingId} className="mt-4">
      <h4 id={headingId} className="font-semibold">
        Aktiviteter ({commitment.activities.length})
        {/* Every commitment has such a section: the name tells them apart in a screen reader's landmark list. */}
        <span className="sr-only"> för {commitment.summary}</span>
      </h4>
      {commitment.activities.length === 0 ? (
        <p className="text-muted">Inga aktiviteter registrerade än.</p>
      ) : (
        <ul className="mt-2 space-y-3">
          {commitment.activities.map((activity) => (
            <li key={activity.id} className="border-l-4 border-brand-100 pl-3">
              <p className="font-semibold">
                {formatDate(activity.happenedOn)}: {activity.title}
              </p>
              <p>{activity.description}</p>
              <p className="text-sm text-muted">
                {[
                  activity.participants !== null ? `${activity.participants} deltagare` : null,
                  activity.place,
                  `registrerad av ${activity.recordedAs === "polisen" ? "polisen" : "kommunen"}${activity.recordedByName ? ` (${activity.recordedByName})` : ""}`,
                ]
                  .filter(Boolean)
                  .join(" · ")}
              </p>
              {view.live && activity.recordedAs === view.side ? (
                <Form method="post" className="mt-1">
                  <input type="hidden" name="intent" value="remove-activity" />
                  <input type="hidden" name="activityId" value={activity.id} />
                  <button type="submit" className="btn-link text-sm" disabled={busy}>
                    Ta bort aktiviteten ”{activity.title}”
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function ActivityForms({ commitment, labels, failed, busy }: { commitment: Commitment; labels: FollowupLabels; failed: FollowupErrors | null; busy: boolean }) {
  const id = (field: string) => `f-${field}-${commitment.id}`;
  const activityFailed = failed?.intent === "activity" ? failed : null;
  const statusFailed = failed?.intent === "status" ? failed : null;
  const value = (f: FollowupErrors | null, field: string) => f?.values[field] ?? "";
  return (
    <div className="mt-4 space-y-3">
      <details open={activityFailed !== null}>
        <summary className="cursor-pointer font-semibold">Registrera en aktivitet</summary>
        <Form method="post" className="mt-3">
          <input type="hidden" name="intent" value="activity" />
          <input type="hidden" name="commitmentId" value={commitment.id} />
          <Field id={id("happenedOn")} name="happenedOn" label="Datum" hint="ÅÅÅÅ-MM-DD" type="date" required defaultValue={value(activityFailed, "happenedOn")} error={activityFailed?.errors.happenedOn} />
          <Field id={id("title")} name="title" label="Rubrik" required maxLength={150} defaultValue={value(activityFailed, "title")} error={activityFailed?.errors.title} />
          <TextArea id={id("description")} name="description" label="Kort beskrivning" hint={<CharacterCount fieldId={id("description")} max={2000} initialLength={value(activityFailed, "description").length} />} required maxLength={2000} defaultValue={value(activityFailed, "description")} error={activityFailed?.errors.description} />
          <Field id={id("participants")} name="participants" label="Antal deltagare (valfritt)" inputMode="numeric" defaultValue={value(activityFailed, "participants")} error={activityFailed?.errors.participants} />
          <Field id={id("place")} name="place" label="Plats (valfritt)" maxLength={150} defaultValue={value(activityFailed, "place")} error={activityFailed?.errors.place} />
          <button type="submit" className="btn-primary" disabled={busy}>
            Spara aktiviteten
          </button>
        </Form>
      </details>
      <details open={statusFailed !== null}>
        <summary className="cursor-pointer font-semibold">Ändra status</summary>
        <Form method="post" className="mt-3">
          <input type="hidden" name="intent" value="status" />
          <input type="hidden" name="commitmentId" value={commitment.id} />
          <fieldset className="field" aria-describedby={statusFailed?.errors.status ? `${id("status")}-error` : undefined}>
            <legend className="field-label">Status</legend>
            {statusFailed?.errors.status ? (
              <p id={`${id("status")}-error`} className="field-error">
                {statusFailed.errors.status}
              </p>
            ) : null}
            {Object.entries(labels.status).map(([key, label], index) => (
              <label key={key} className="mr-4 inline-flex min-h-11 items-center gap-2">
                <input
                  type="radio"
                  name="status"
                  value={key}
                  id={index === 0 ? id("status") : `${id("status")}-${key}`}
                  defaultChecked={(statusFailed ? value(statusFailed, "status") : (commitment.status?.status ?? "not_started")) === key}
                />
                {label}
              </label>
            ))}
          </fieldset>
          <TextArea id={id("note")} name="note" label="Kort kommentar till statusen" hint={<CharacterCount fieldId={id("note")} max={500} initialLength={value(statusFailed, "note").length} />} required maxLength={500} defaultValue={value(statusFailed, "note")} error={statusFailed?.errors.note} />
          <button type="submit" className="btn-primary" disabled={busy}>
            Spara statusen
          </button>
        </Form>
      </details>
    </div>
  );
}
