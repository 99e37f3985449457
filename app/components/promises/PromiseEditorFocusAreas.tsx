// SPDX-License-Identifier: EUPL-1.2
// The draft's focus areas in order, each with its commitments: add, rename, move and remove
// areas; write each commitment's wording word for word, its plain summary, who promised it, an
// optional target, an optional built-in measure and an optional guide for citizens. Plain forms: it all works without JavaScript.
import { Form } from "@remix-run/react";
import { Field, Select, TextArea } from "~/components/forms";
import { fieldIds, type EditorActionData, type EditorCommitment, type EditorFocusArea, type Option } from "./PromiseEditorTypes";

interface Shared {
  answer: EditorActionData | undefined;
  busy: boolean;
  ownerOptions: Option[];
  measureOptions: Option[];
  guideOptions: Option[];
}

function MoveButtons({ intent, idName, id, what, first, last, busy }: { intent: string; idName: string; id: string; what: string; first: boolean; last: boolean; busy: boolean }) {
  return (
    <Form method="post" className="flex flex-wrap gap-2">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name={idName} value={id} />
      {first ? null : (
        <button type="submit" name="direction" value="up" className="btn-secondary" disabled={busy}>
          Flytta upp<span className="sr-only">: {what}</span>
        </button>
      )}
      {last ? null : (
        <button type="submit" name="direction" value="down" className="btn-secondary" disabled={busy}>
          Flytta ned<span className="sr-only">: {what}</span>
        </button>
      )}
    </Form>
  );
}

function RemoveButton({ intent, idName, id, what, busy }: { intent: string; idName: string; id: string; what: string; busy: boolean }) {
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name={idName} value={id} />
      <button type="submit" className="btn-secondary" disabled={busy}>
        Ta bort<span className="sr-only">: {what}</span>
      </button>
    </Form>
  );
}

function CommitmentFields({ intent, subject, commitment, answer, ownerOptions, measureOptions, guideOptions }: Omit<Shared, "busy"> & { intent: string; subject: string; commitment?: EditorCommitment }) {
  const f = fieldIds(answer, intent, subject);
  return (
    <>
      <TextArea
        id={f.id("wording")}
        name="wording"
        label="Ordalydelse"
        hint="Ord för ord som i det undertecknade löftet."
        defaultValue={f.value("wording", commitment?.wording)}
        error={f.errors.wording}
        required
      />
      <TextArea
        id={f.id("summary")}
        name="summary"
        label="Sammanfattning på lätt svenska"
        hint="Vad löftet betyder, i en eller två meningar som alla förstår."
        defaultValue={f.value("summary", commitment?.summary)}
        error={f.errors.summary}
      />
      <Select id={f.id("owner")} name="owner" label="Vem lovade det" options={ownerOptions} defaultValue={f.value("owner", commitment?.owner ?? "kommunen")} error={f.errors.owner} />
      <div className="grid gap-4 sm:grid-cols-[2fr_1fr]">
        <Field id={f.id("target")} name="target" label="Mätbart mål (valfritt)" hint="Till exempel: minst 1 medborgardialog i centrala Högsby." defaultValue={f.value("target", commitment?.target)} error={f.errors.target} maxLength={300} />
        <Field id={f.id("targetCount")} name="targetCount" inputMode="numeric" label="Målets antal (valfritt)" defaultValue={f.value("targetCount", commitment?.targetCount)} error={f.errors.targetCount} />
      </div>
      <Select
        id={f.id("measure")}
        name="measure"
        label="Kopplat till en siffra i Coachportalen (valfritt)"
        options={measureOptions}
        defaultValue={f.value("measure", commitment?.measure ?? "")}
        error={f.errors.measure}
      />
      <Select
        id={f.id("guide")}
        name="guide"
        label="Vägledning för invånare (valfritt)"
        hint="Visas som ”Läs mer” under åtagandet på den offentliga uppföljningen."
        options={guideOptions}
        defaultValue={f.value("guide", commitment?.guide ?? "")}
        error={f.errors.guide}
      />
    </>
  );
}

function AreaSection({ area, index, count, answer, busy, ownerOptions, measureOptions, guideOptions }: Shared & { area: EditorFocusArea; index: number; count: number }) {
  const rename = fieldIds(answer, "rename-area", area.id);
  const headingId = `omrade-${area.id}`;
  const problem = answer && answer.subject === area.id && !["rename-area", "add-commitment"].includes(answer.intent) ? answer.errors.form : null;
  return (
    <section aria-labelledby={headingId} className="card mt-6 p-4">
      <h3 id={headingId}>
        {index + 1}. {area.title}
      </h3>
      {problem ? <p className="field-error mt-2">{problem}</p> : null}
      <div className="mt-3 flex flex-wrap items-end gap-3">
        <Form method="post" className="flex flex-wrap items-end gap-2">
          <input type="hidden" name="intent" value="rename-area" />
          <input type="hidden" name="focusAreaId" value={area.id} />
          <Field id={rename.id("title")} name="title" label="Fokusområdets namn" defaultValue={rename.value("title", area.title)} error={rename.errors.title} maxLength={200} />
          <button type="submit" className="btn-secondary" disabled={busy}>
            Byt namn<span className="sr-only">: {area.title}</span>
          </button>
        </Form>
        <MoveButtons intent="move-area" idName="focusAreaId" id={area.id} what={area.title} first={index === 0} last={index === count - 1} busy={busy} />
        <RemoveButton intent="remove-area" idName="focusAreaId" id={area.id} what={`${area.title} med dess åtaganden`} busy={busy} />
      </div>

      {area.commitments.length === 0 ? <p className="mt-4">Området har inget åtagande ännu.</p> : null}
      <ol className="mt-4 space-y-6">
        {area.commitments.map((c, i) => {
          const what = `åtagande ${i + 1} i ${area.title}`;
          return (
            <li key={c.id} className="border-t border-gray-300 pt-4">
              <h4 className="font-semibold">Åtagande {i + 1}</h4>
              <Form method="post" className="mt-2 space-y-4" noValidate>
                <input type="hidden" name="intent" value="update-commitment" />
                <input type="hidden" name="commitmentId" value={c.id} />
                <CommitmentFields intent="update-commitment" subject={c.id} commitment={c} answer={answer} ownerOptions={ownerOptions} measureOptions={measureOptions} guideOptions={guideOptions} />
                <button type="submit" className="btn-primary" disabled={busy}>
                  Spara<span className="sr-only"> {what}</span>
                </button>
              </Form>
              <div className="mt-3 flex flex-wrap gap-2">
                <MoveButtons intent="move-commitment" idName="commitmentId" id={c.id} what={what} first={i === 0} last={i === area.commitments.length - 1} busy={busy} />
                <RemoveButton intent="remove-commitment" idName="commitmentId" id={c.id} what={what} busy={busy} />
              </div>
            </li>
          );
        })}
      </ol>

      <details className="mt-6" open={answer?.intent === "add-commitment" && answer.subject === area.id}>
        <summary className="cursor-pointer font-semibold">Lägg till ett åtagande i {area.title}</summary>
        <Form method="post" className="mt-3 space-y-4" noValidate>
          <input type="hidden" name="intent" value="add-commitment" />
          <input type="hidden" name="focusAreaId" value={area.id} />
          <CommitmentFields intent="add-commitment" subject={area.id} answer={answer} ownerOptions={ownerOptions} measureOptions={measureOptions} guideOptions={guideOptions} />
          <button type="submit" className="btn-primary" disabled={busy}>
            Lägg till åtagandet
          </button>
        </Form>
      </details>
    </section>
  );
}

export function PromiseEditorFocusAreas({ areas, ...shared }: Shared & { areas: EditorFocusArea[] }) {
  const add = fieldIds(shared.answer, "add-area", "");
  return (
    <section aria-labelledby="fokusomraden" className="mt-8">
      <h2 id="fokusomraden">Fokusområden och åtaganden</h2>
      <p className="mt-1 text-muted">I den ordning de står i löftet.</p>
      {areas.length === 0 ? <p className="mt-3">Löftet har inget fokusområde ännu.</p> : null}
      {areas.map((area, index) => (
        <AreaSection key={area.id} area={area} index={index} count={areas.length} {...shared} />
      ))}
      <Form method="post" className="card mt-6 space-y-4 p-4" noValidate>
        <input type="hidden" name="intent" value="add-area" />
        <Field id={add.id("title")} name="title" label="Nytt fokusområde" hint="Till exempel Trygghet eller Narkotika." defaultValue={add.value("title", "")} error={add.errors.title} maxLength={200} />
        <button type="submit" className="btn-primary" disabled={shared.busy}>
          Lägg till fokusområdet
        </button>
      </Form>
    </section>
  );
}
