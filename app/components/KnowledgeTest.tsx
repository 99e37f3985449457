// SPDX-License-Identifier: EUPL-1.2
// The knowledge test's page sections: one question as a fieldset, the pause after three failed
// attempts, and the result of an attempt with the certificate it brought (or the course days
// still ahead), each answer explained after a pass and the lessons to read again after a fail.
import { Link } from "@remix-run/react";
import { useEffect, useRef } from "react";
import type { AttemptOutcome } from "~/modules/learning/knowledge-test.server";
import type { AttemptFeedback, PublicQuestion } from "~/modules/learning/quiz.server";

export interface AttemptResultData extends AttemptOutcome {
  feedback: AttemptFeedback;
  needed: number;
  testUrl: string;
  module: { title: string; url: string };
}

export function QuestionFieldset({ question, number, total, error, chosen }: { question: PublicQuestion; number: number; total: number; error?: string; chosen: string[] }) {
  const multiple = question.type === "multiple";
  const hintId = `f-${question.id}-hint`;
  const errorId = `f-${question.id}-error`;
  return (
    <fieldset className="card mb-6" aria-describedby={[error ? errorId : null, multiple ? hintId : null].filter(Boolean).join(" ") || undefined}>
      <legend className="float-left mb-3 w-full text-lg font-semibold">
        <span className="block text-sm font-normal text-muted">
          Fråga {number} av {total}
        </span>
        {question.prompt}
      </legend>
      {multiple ? (
        <p id={hintId} className="clear-left mb-2 text-sm text-muted">
          Välj ett eller flera svar.
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="field-error clear-left mb-2">
          <span className="sr-only">Fel: </span>
          {error}
        </p>
      ) : null}
      <div className="clear-left space-y-2">
        {question.options.map((option, i) => {
          const id = i === 0 ? `f-${question.id}` : `f-${question.id}-${option.id}`;
          return (
            <div key={option.id} className="flex items-start gap-3">
              <input
                id={id}
                type={multiple ? "checkbox" : "radio"}
                name={question.field}
                value={option.id}
                defaultChecked={chosen.includes(option.id)}
                className="mt-1 size-5 shrink-0 accent-brand-700"
              />
              <label htmlFor={id} className="min-h-6">
                {option.text}
              </label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}

/** The pause after three failed attempts in a row: when the next one opens, and what to do meanwhile. */
export function RetryLater({ message, lessonsUrl }: { message: string; lessonsUrl: string }) {
  return (
    <div className="notice-info mt-6">
      <p className="font-semibold">Du har inte klarat testet tre gånger i rad.</p>
      <p className="mt-2">
        {message} Under tiden kan du läsa lektionerna igen: då går det lättare nästa gång.
      </p>
      <p className="mt-3">
        <Link to={lessonsUrl} className="btn-secondary">
          Tillbaka till modulen
        </Link>
      </p>
    </div>
  );
}

export function AttemptResult({ data: loaderData }: { data: AttemptResultData }) {
  const { feedback } = loaderData;
  const summary = useRef<HTMLHeadingElement>(null);
  // Arriving here after submitting, keyboard and screen-reader users start at the result.
  useEffect(() => summary.current?.focus(), []);
  return (
    <>
      <div className={`mt-6 ${feedback.passed ? "notice-success" : "notice-info"}`}>
        <h2 ref={summary} tabIndex={-1} className="focus:outline-none">
          {feedback.passed ? "Du klarade testet" : "Du klarade inte testet den här gången"}
        </h2>
        <p className="mt-2">
          Du hade {feedback.score} rätt av {feedback.maxScore}. Det behövs {loaderData.needed} rätt för att klara testet.
        </p>
        {feedback.lessonsToRead.length > 0 ? (
          <p className="mt-2">
            Läs de här lektionerna igen innan du försöker igen{loaderData.retryLater ? "" : " när du vill"}. De rätta svaren visar vi när du har
            klarat testet.
          </p>
        ) : null}
        {feedback.lessonsToRead.length > 0 ? (
          <ul className="mt-2 list-disc pl-6">
            {feedback.lessonsToRead.map((lesson) => (
              <li key={lesson.url}>
                <Link to={lesson.url}>{lesson.title}</Link>
              </li>
            ))}
          </ul>
        ) : null}
        {loaderData.retryLater ? <p className="mt-2 font-semibold">{loaderData.retryLater}</p> : null}
      </div>
      {loaderData.certificate ? (
        <section aria-labelledby="intyg-rubrik" className="notice-success">
          <h2 id="intyg-rubrik">{loaderData.certificate.renewed ? "Ditt intyg är förnyat" : "Du har fått ditt intyg"}</h2>
          <p className="mt-2">
            {loaderData.certificate.renewed
              ? `Du har gjort repetitionen. Ditt intyg för ${loaderData.certificate.trackTitle} gäller nu till och med ${loaderData.certificate.validThrough}.`
              : `Du har gått klart ${loaderData.certificate.trackTitle}. Ditt intyg gäller till och med ${loaderData.certificate.validThrough}.`}{" "}
            Vi har också skickat ett e-postmeddelande om det.
          </p>
          <p className="mt-3">
            <Link to="/intyg" className="btn-primary">
              Se ditt intyg
            </Link>
          </p>
        </section>
      ) : null}
      {loaderData.sessionsLeft.length > 0 ? (
        <div className="notice-info">
          <p className="font-semibold">Du har gått klart alla moduler.</p>
          <p className="mt-1">
            För intyget återstår träffarna på plats: {loaderData.sessionsLeft.join(", ")}. <Link to="/traffar">Se träffarna och anmäl dig</Link>.
          </p>
        </div>
      ) : null}
      <p className="flex flex-wrap gap-3">
        {loaderData.retryLater ? null : (
          <Link to={loaderData.testUrl} className={feedback.passed ? "btn-secondary" : "btn-primary"}>
            Gör testet igen
          </Link>
        )}
        <Link to={loaderData.module.url} className="btn-secondary">
          Tillbaka till modulen
        </Link>
      </p>
      <h2 className="mt-8">Dina svar</h2>
      <ol className="mt-4 space-y-6">
        {feedback.questions.map((question, i) => (
          <li key={question.id} className="card">
            <h3 className="text-lg font-semibold">
              <span className="block text-sm font-normal text-muted">Fråga {i + 1}</span>
              {question.prompt}
            </h3>
            <p className={`mt-2 font-semibold ${question.right ? "text-brand-800" : "text-danger"}`}>
              <span aria-hidden="true">{question.right ? "✓ " : "✗ "}</span>
              {question.right ? "Rätt" : "Fel"}
            </p>
            {question.options ? (
              <ul className="mt-2 space-y-1">
                {question.options.map((option) => (
                  <li key={option.id}>
                    {option.text}
                    {option.chosen ? <span className="badge ml-2">Ditt svar</span> : null}
                    {option.correct ? <span className="badge ml-2 bg-brand-100 text-brand-800">Rätt svar</span> : null}
                  </li>
                ))}
              </ul>
            ) : (
              <p className="mt-2">Läs lektionen igen: det rätta svaret och förklaringen visar vi när du har klarat testet.</p>
            )}
            {question.explanation ? (
              <p className="mt-3">
                <strong>Förklaring:</strong> {question.explanation}
              </p>
            ) : null}
            {question.source ? <p className="mt-1 text-sm text-muted">Källa: {question.source}</p> : null}
          </li>
        ))}
      </ol>
    </>
  );
}
