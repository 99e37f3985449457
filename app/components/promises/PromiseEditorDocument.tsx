// SPDX-License-Identifier: EUPL-1.2
// The signed document: a PDF of at most 10 MB that anyone can download once the promise is published.
import { Form } from "@remix-run/react";
import { fieldIds, type EditorActionData } from "./PromiseEditorTypes";

export function PromiseEditorDocument({ promiseId, hasDocument, answer, busy }: { promiseId: string; hasDocument: boolean; answer: EditorActionData | undefined; busy: boolean }) {
  const f = fieldIds(answer, "upload", "");
  const error = f.errors.file;
  const inputId = f.id("file");
  return (
    <section aria-labelledby="dokument" className="card mt-8 p-4">
      <h2 id="dokument">Det undertecknade löftet</h2>
      <p className="mt-1">
        {hasDocument ? (
          <a href={`/samordnare/loften/${promiseId}/dokument.pdf`}>Öppna den uppladdade PDF-filen</a>
        ) : (
          "Ingen fil är uppladdad ännu."
        )}
      </p>
      <Form method="post" encType="multipart/form-data" className="mt-3 space-y-4">
        <input type="hidden" name="intent" value="upload" />
        <div className="field">
          <label htmlFor={inputId} className="field-label">
            {hasDocument ? "Byt till en annan PDF-fil" : "PDF-fil"}
          </label>
          <p id={`${inputId}-hint`} className="field-hint">
            Det undertecknade löftet som PDF, högst 10 MB. Invånarna kan ladda ner det när löftet är publicerat.
          </p>
          {error ? (
            <p id={`${inputId}-error`} className="field-error">
              <span className="sr-only">Fel: </span>
              {error}
            </p>
          ) : null}
          <input
            id={inputId}
            name="file"
            type="file"
            accept="application/pdf,.pdf"
            className="input"
            aria-invalid={error ? true : undefined}
            aria-describedby={[error ? `${inputId}-error` : null, `${inputId}-hint`].filter(Boolean).join(" ")}
          />
        </div>
        <button type="submit" className="btn-secondary" disabled={busy}>
          Ladda upp
        </button>
      </Form>
    </section>
  );
}
