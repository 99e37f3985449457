// SPDX-License-Identifier: EUPL-1.2
// The municipality's contact cards as members read them (/lokalt) and as the coordinator edits
// them (/samordnare/kontakter).
import { Form } from "@remix-run/react";
import { Select } from "~/components/forms";
import { Field, TextArea } from "~/components/forms";
import type { FieldErrors } from "~/lib/validation";
import type { ContactCard } from "~/modules/municipalities/contact-cards.server";

/** A card as members read it: the module's own shape, so the two cannot drift apart. */
export type ContactCardView = ContactCard;

export const CONTACT_LABELS: Record<string, string> = {
  name: "Vem",
  description: "När man vänder sig hit",
  phone: "Telefon",
  email: "E-post",
  web: "Webbsida",
  openingHours: "Öppettider",
};

/** Digits and a leading + only, so that a phone can call the number. */
const telHref = (phone: string) => `tel:${phone.replace(/[^+0-9]/g, "")}`;

export function ContactCardList({ cards, headingLevel = 2 }: { cards: ContactCardView[]; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <ul className="!list-none !pl-0 grid gap-4 sm:grid-cols-2">
      {cards.map((card) => (
        <li key={card.id} className="card">
          <Heading className="!mt-0 text-lg font-semibold">{card.name}</Heading>
          <p>{card.description}</p>
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
            {card.phone ? (
              <>
                <dt className="font-semibold">Telefon</dt>
                <dd>
                  <a href={telHref(card.phone)}>{card.phone}</a>
                </dd>
              </>
            ) : null}
            {card.email ? (
              <>
                <dt className="font-semibold">E-post</dt>
                <dd>
                  <a href={`mailto:${card.email}`} className="break-all">
                    {card.email}
                  </a>
                </dd>
              </>
            ) : null}
            {card.web ? (
              <>
                <dt className="font-semibold">Webb</dt>
                <dd>
                  <a href={card.web} className="break-all">
                    {card.web.replace(/^https?:\/\//, "")}
                  </a>
                </dd>
              </>
            ) : null}
            {card.openingHours ? (
              <>
                <dt className="font-semibold">Öppet</dt>
                <dd>{card.openingHours}</dd>
              </>
            ) : null}
          </dl>
        </li>
      ))}
    </ul>
  );
}

export function ContactCardFields({ values, errors, idPrefix }: { values: Record<string, string>; errors: FieldErrors | null; idPrefix: string }) {
  const field = (name: string, extra: Record<string, unknown> = {}) => (
    <Field id={`${idPrefix}-${name}`} name={name} label={CONTACT_LABELS[name]!} defaultValue={values[name] ?? ""} error={errors?.[name]} {...extra} />
  );
  return (
    <>
      {field("name", { required: true, hint: "Till exempel ”Socialtjänstens mottagning” eller ”Elevhälsan på Fågelfors skola”." })}
      <TextArea
        id={`${idPrefix}-description`}
        name="description"
        label={CONTACT_LABELS.description!}
        hint="Till exempel ”Hit gör du en orosanmälan om ett barn eller en ungdom”."
        defaultValue={values.description ?? ""}
        error={errors?.description}
        rows={3}
        required
      />
      {field("phone", { type: "tel", autoComplete: "off" })}
      {field("email", { type: "email", autoComplete: "off" })}
      {field("web", { type: "url" })}
      {field("openingHours", { hint: "Till exempel ”Vardagar 8–16.30”." })}
    </>
  );
}

export function ContactCardMoveForms({ id, first, last, busy }: { id: string; first: boolean; last: boolean; busy: boolean }) {
  const button = (intent: string, label: string, disabled: boolean) => (
    <Form method="post">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="id" value={id} />
      <button type="submit" className="btn-secondary" disabled={busy || disabled}>
        {label}
      </button>
    </Form>
  );
  return (
    <div className="flex flex-wrap gap-2">
      {button("up", "Flytta upp", first)}
      {button("down", "Flytta ned", last)}
      {button("remove", "Ta bort", false)}
    </div>
  );
}

/** A material's "where to turn": the member's municipality's cards, or a choice of municipality for a visitor. */
export function MaterialContacts({
  contacts,
}: {
  contacts: { municipality: { slug: string; name: string } | null; cards: ContactCardView[]; choices: Array<{ slug: string; name: string }> };
}) {
  return (
    <section aria-labelledby="contacts-heading" className="mt-10">
      <h2 id="contacts-heading">{contacts.municipality ? `Vart du vänder dig i ${contacts.municipality.name}` : "Vart du vänder dig i din kommun"}</h2>
      {contacts.municipality && contacts.cards.length > 0 ? (
        <ContactCardList cards={contacts.cards} headingLevel={3} />
      ) : contacts.municipality ? (
        <p>Kommunen har inte lagt in några kontakter här ännu. Fråga skolans elevhälsa eller kommunens ANDTS-samordnare.</p>
      ) : null}
      {contacts.choices.length > 0 ? (
        <Form method="get" className="mt-4 flex flex-wrap items-end gap-3 print:hidden">
          <Select
            name="kommun"
            label="Visa kontakterna i kommunen"
            defaultValue={contacts.municipality?.slug ?? ""}
            options={[{ value: "", label: "Välj kommun" }, ...contacts.choices.map((c) => ({ value: c.slug, label: c.name }))]}
          />
          <button type="submit" className="btn-secondary mb-4">
            Visa kontakterna
          </button>
        </Form>
      ) : null}
      <p className="text-sm">Är någon i fara just nu? Ring 112.</p>
    </section>
  );
}
