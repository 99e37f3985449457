// SPDX-License-Identifier: EUPL-1.2
// Every row of an earlier-training import file as it would be saved, shown before anything is.
import { useRef, type ReactNode } from "react";
import { useActionResult } from "~/components/announcer";
import { DataTable } from "~/components/DataTable";
import type { ImportPerson, ImportPreview } from "~/modules/certification/credits.server";

const OUTCOME_TEXT = { new: "Ny", existing: "Redan registrerad", error: "Fel" } as const;

// What saving the row does for its person (issue #16): credits now, or credits that wait on an invitation.
const PERSON_TEXT: Record<ImportPerson, string> = {
  registered: "registrerad coach",
  invited: "inbjuden, inte registrerad",
  renewed: "inbjuden, inte registrerad (inbjudan har gått ut och skickas igen)",
  new: "ny – får en inbjudan",
};

/** The preview's counts, as the table's caption says them. */
function previewCounts(preview: ImportPreview): string {
  const invited = preview.invitationCount > 0 ? `, ${preview.invitationCount} ${preview.invitationCount === 1 ? "person" : "personer"} utan konto får en inbjudan` : "";
  return `Förhandsgranskning: ${preview.rows.length} ${preview.rows.length === 1 ? "rad" : "rader"}, ${preview.newCount} ${preview.newCount === 1 ? "ny" : "nya"}, ${preview.existingCount} redan registrerade, ${preview.errorCount} med fel${invited}`;
}

/** Whether anything can be imported, and what to do next. */
function previewVerdict(preview: ImportPreview): string {
  return preview.errorCount > 0
    ? `${preview.errorCount === 1 ? "En rad har fel" : `${preview.errorCount} rader har fel`}. Ingenting kan importeras förrän filen är rättad. Rätta filen och ladda upp den igen.`
    : "Inga fel. Ingenting är sparat än: tryck på Importera för att spara de nya raderna.";
}

/**
 * The preview after an upload, under its heading. The page changes under the upload button, so
 * focus moves to the heading and the status region says the counts and whether anything can be
 * imported (WCAG 2.4.3, 4.1.3). `children` is what follows the table (the import button).
 */
export function ImportPreviewResult({ preview, children }: { preview: ImportPreview; children?: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  const verdict = previewVerdict(preview);
  useActionResult(heading, `${previewCounts(preview)}. ${verdict}`);
  return (
    <section aria-labelledby="preview-heading">
      <h3 id="preview-heading" ref={heading} tabIndex={-1}>
        Förhandsgranskning
      </h3>
      <p>{preview.errorCount > 0 ? <strong>{verdict}</strong> : verdict}</p>
      <ImportPreviewTable preview={preview} />
      {children}
    </section>
  );
}

function ImportPreviewTable({ preview }: { preview: ImportPreview }) {
  return (
    <DataTable cardsOnPhone label="Förhandsgranskade rader" caption={previewCounts(preview)} showCaption>
      <thead>
        <tr>
          <th scope="col">Rad</th>
          <th scope="col">E-post</th>
          <th scope="col">Namn</th>
          <th scope="col">Person</th>
          <th scope="col">Datum</th>
          <th scope="col">Moment</th>
          <th scope="col">Resultat</th>
          <th scope="col">Kommentar</th>
        </tr>
      </thead>
      <tbody>
        {preview.rows.map((row) => (
          <tr key={row.line}>
            <th scope="row" data-label="Rad">
              {row.line}
            </th>
            <td data-label="E-post" className="cell-wide">
              {row.email}
            </td>
            <td data-label="Namn">{row.name}</td>
            <td data-label="Person">{row.person ? PERSON_TEXT[row.person] : "–"}</td>
            <td data-label="Datum">{row.date}</td>
            <td data-label="Moment">{row.steps}</td>
            <td data-label="Resultat">
              <span className="badge">{OUTCOME_TEXT[row.outcome]}</span>
            </td>
            <td data-label="Kommentar" className="cell-wide">
              {row.errors.length + row.warnings.length > 0 ? (
                <ul className="list-none p-0">
                  {row.errors.map((e) => (
                    <li key={e}>{e}</li>
                  ))}
                  {row.warnings.map((w) => (
                    <li key={w}>Varning: {w}</li>
                  ))}
                </ul>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}
