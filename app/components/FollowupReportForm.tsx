// SPDX-License-Identifier: EUPL-1.2
// The sections of the coordinator's follow-up page: the report form, the preview a report
// passes through before it is published, and the list of published reports.
import { Form, Link } from "@remix-run/react";
import { useRef } from "react";
import { useActionResult } from "~/components/announcer";
import { CharacterCount } from "~/components/CharacterCount";
import { DataTable } from "~/components/DataTable";
import { FollowupFigures } from "~/components/FollowupFigures";
import { Field, Select, TextArea } from "~/components/forms";
import { periodInWords } from "~/components/PromiseProgress";
import { formatDate } from "~/lib/dates";
import type { FieldErrors } from "~/lib/validation";
import { EARLIEST_REPORT_DAY, MAX_COMMENTARY_LENGTH } from "~/modules/followup/limits";
import type { ReportPreview } from "~/modules/followup/report-form.server";
import type { DayPeriod, ReportLink } from "~/modules/followup/reports.server";
import { PublicCommitments } from "~/components/promises/PublicCommitments";

export const FOLLOWUP_FIELD_LABELS: Record<string, string> = {
  title: "Rubrik",
  from: "Från och med",
  to: "Till och med",
  commentary: "Kommentar",
  replaces: "Rättar rapporten",
};

export function ReportForm({
  values,
  errors,
  reports,
  today,
  busy,
}: {
  values: Record<string, string>;
  errors: FieldErrors;
  reports: Array<{ id: string; title: string; replacedBy: unknown }>;
  today: string;
  busy: boolean;
}) {
  const correctable = reports.filter((r) => !r.replacedBy);
  return (
    <Form method="post" noValidate className="flex max-w-2xl flex-col gap-4">
      <Field name="title" label="Rubrik" hint="Till exempel ”Uppföljning 1 2025”." defaultValue={values.title} error={errors.title} maxLength={120} required />
      <fieldset className="flex flex-col gap-3">
        <legend className="field-label mb-1">Period som rapporten avser</legend>
        <div className="flex flex-wrap gap-4">
          <Field name="from" type="date" label="Från och med" defaultValue={values.from} error={errors.from} min={EARLIEST_REPORT_DAY} max={today} required />
          <Field name="to" type="date" label="Till och med" defaultValue={values.to} error={errors.to} min={EARLIEST_REPORT_DAY} max={today} required />
        </div>
      </fieldset>
      <TextArea
        name="commentary"
        label="Kommentar till invånarna"
        hint={
          <>
            Vanlig text. Tom rad mellan stycken. Du kan skriva **fetstil**, *kursiv*, listor med - först på raden och länkar som
            [text](https://exempel.se). HTML visas som text.
            <CharacterCount fieldId="f-commentary" max={MAX_COMMENTARY_LENGTH} initialLength={values.commentary?.length ?? 0} />
          </>
        }
        defaultValue={values.commentary}
        error={errors.commentary}
        rows={10}
        maxLength={MAX_COMMENTARY_LENGTH}
        required
      />
      {correctable.length > 0 ? (
        <Select
          name="replaces"
          label="Rättar rapporten"
          hint="Välj en rapport bara om den här rapporten är en rättelse. Den gamla rapporten finns kvar och visar att den är ersatt."
          defaultValue={values.replaces ?? ""}
          error={errors.replaces}
          options={[{ value: "", label: "Ingen, det är en ny rapport" }, ...correctable.map((r) => ({ value: r.id, label: r.title }))]}
        />
      ) : null}
      <div>
        <button type="submit" name="intent" value="preview" className="btn-primary" disabled={busy}>
          Förhandsgranska
        </button>
      </div>
    </Form>
  );
}

const FIGURES_CHANGED = "Siffrorna, åtagandena eller polisens kommentar har ändrats sedan du förhandsgranskade. Kontrollera rapporten nedan och publicera igen.";

export function PreviewSection({ preview, busy }: { preview: ReportPreview; busy: boolean }) {
  const heading = useRef<HTMLHeadingElement>(null);
  // Focus on the preview's heading, and the page's status region reads the heading and, when the
  // figures moved since the last preview, why it is shown again (WCAG 2.4.3, 4.1.3).
  useActionResult(heading, `Förhandsgranska: ${preview.values.title}.${preview.figuresChanged ? ` ${FIGURES_CHANGED}` : ""}`);
  const hidden = { ...preview.values, id: preview.id, checksum: preview.checksum };
  return (
    <section aria-labelledby="preview-heading">
      <h2 id="preview-heading" ref={heading} tabIndex={-1} className="mb-3">
        Förhandsgranska: {preview.values.title}
      </h2>
      {preview.figuresChanged ? (
        <div className="notice-info mb-4">{FIGURES_CHANGED}</div>
      ) : null}
      <p className="mb-4 max-w-3xl">
        Så här kommer rapporten att se ut för invånarna. Siffrorna och läget för varje åtagande i löftet fryses när du publicerar. En publicerad rapport
        kan inte ändras; behöver den rättas publicerar du en ny rapport som ersätter den.
      </p>
      <dl className="mb-4 grid gap-x-6 gap-y-1 sm:grid-cols-[auto_1fr]">
        <dt className="font-semibold">Avser</dt>
        <dd>{periodInWords(preview.period)}</dd>
        {preview.replacesTitle ? (
          <>
            <dt className="font-semibold">Ersätter</dt>
            <dd>{preview.replacesTitle}</dd>
          </>
        ) : null}
      </dl>
      <div className="card mb-6">
        <h3 className="mb-2 text-lg font-semibold">Kommunens kommentar</h3>
        <div className="prose-page" dangerouslySetInnerHTML={{ __html: preview.commentaryHtml }} />
        {preview.policeCommentaryHtml ? (
          <>
            <h3 className="mt-4 mb-2 text-lg font-semibold">Polisens kommentar</h3>
            <div className="prose-page" dangerouslySetInnerHTML={{ __html: preview.policeCommentaryHtml }} />
          </>
        ) : null}
      </div>
      {preview.promise ? (
        <section aria-labelledby="preview-promise-heading" className="mb-6 max-w-3xl">
          <h3 id="preview-promise-heading" className="mb-3 text-xl font-semibold">
            Läget i {preview.promise.title}
          </h3>
          <PublicCommitments focusAreas={preview.focusAreas} headingLevel={4} idPrefix="forhandsgranskning-lofte" />
        </section>
      ) : null}
      <FollowupFigures figures={preview.figures} idPrefix="forhandsgranskning" headingLevel={3} />
      <Form method="post" className="mt-6 flex flex-wrap gap-3">
        {Object.entries(hidden).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <button type="submit" name="intent" value="publish" className="btn-primary" disabled={busy}>
          Publicera rapporten
        </button>
        <button type="submit" name="intent" value="edit" className="btn-secondary" disabled={busy}>
          Ändra
        </button>
      </Form>
    </section>
  );
}

export function PublishedReports({
  reports,
  publicPage,
}: {
  reports: Array<{ id: string; title: string; period: DayPeriod; publishedAt: string; replaces: ReportLink | null; replacedBy: ReportLink | null }>;
  publicPage: string;
}) {
  if (reports.length === 0) return <p>Inga rapporter är publicerade ännu.</p>;
  return (
    <DataTable label="Tabell över publicerade rapporter" caption="Publicerade rapporter, den senaste först">
      <thead>
        <tr>
          <th scope="col">Rapport</th>
          <th scope="col">Avser</th>
          <th scope="col">Publicerad</th>
          <th scope="col">Rättelse</th>
        </tr>
      </thead>
      <tbody>
        {reports.map((report) => (
          <tr key={report.id}>
            <th scope="row" className="font-normal">
              <Link to={`${publicPage}/rapporter/${report.id}`}>{report.title}</Link>
            </th>
            <td>{periodInWords(report.period)}</td>
            <td className="whitespace-nowrap">{formatDate(report.publishedAt)}</td>
            <td>
              {report.replacedBy ? (
                <>Ersatt av ”{report.replacedBy.title}”</>
              ) : (
                <Link to={`/samordnare/uppfoljning?rattar=${report.id}#new-report-heading`} aria-label={`Rätta ${report.title}`}>
                  Rätta
                </Link>
              )}
              {report.replaces ? <div className="text-sm text-muted">Ersätter ”{report.replaces.title}”</div> : null}
            </td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}
