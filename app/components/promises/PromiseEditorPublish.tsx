// SPDX-License-Identifier: EUPL-1.2
// Publishing in two steps without JavaScript: "Publicera" opens the confirmation (?publicera=1),
// which says that the wording cannot be changed afterwards and, for a correction, asks what was corrected.
import { Form, Link } from "@remix-run/react";
import { TextArea } from "~/components/forms";
import { fieldIds, type EditorActionData } from "./PromiseEditorTypes";

interface Props {
  promiseId: string;
  correction: boolean;
  confirming: boolean;
  answer: EditorActionData | undefined;
  busy: boolean;
}

export function PromiseEditorPublish({ promiseId, correction, confirming, answer, busy }: Props) {
  const f = fieldIds(answer, "publish", "");
  const open = confirming || f.active;
  return (
    <section aria-labelledby="publicera" className="card mt-8 p-4">
      <h2 id="publicera">{correction ? "Publicera rättelsen" : "Publicera löftet"}</h2>
      {open ? (
        <Form method="post" className="mt-3 space-y-4" noValidate>
          <input type="hidden" name="intent" value="publish" />
          <div className="notice-info">
            <p className="font-semibold">När löftet är publicerat går ordalydelsen inte att ändra.</p>
            <p className="mt-1">
              Invånarna ser löftet på kommunens uppföljningssida. Ett fel rättas med en ny version som visas bredvid den gamla
              {correction ? ": den här rättelsen ersätter den publicerade versionen, och uppföljningen följer med." : "."}
            </p>
          </div>
          {correction ? (
            <TextArea
              id={f.id("correctionNote")}
              name="correctionNote"
              label="Vad rättades?"
              hint="Visas för invånarna bredvid den rättade versionen."
              defaultValue={f.value("correctionNote", "")}
              error={f.errors.correctionNote}
              required
            />
          ) : null}
          <div className="flex flex-wrap gap-3">
            <button type="submit" className="btn-primary" disabled={busy}>
              Ja, publicera
            </button>
            <Link to={`/samordnare/loften/${promiseId}`} className="btn-secondary">
              Avbryt
            </Link>
          </div>
        </Form>
      ) : (
        <>
          <p className="mt-1">Kontrollera titel, period, fokusområden och åtaganden först. Efter publiceringen kan ordalydelsen inte ändras.</p>
          <Form method="get" action={`/samordnare/loften/${promiseId}#publicera`} className="mt-3">
            <input type="hidden" name="publicera" value="1" />
            <button type="submit" className="btn-primary">
              Publicera
            </button>
          </Form>
        </>
      )}
    </section>
  );
}
