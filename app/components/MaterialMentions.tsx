// SPDX-License-Identifier: EUPL-1.2
// The library's second list: materials about something else that have the searched words in their
// text. Kept apart from the hits so that a search for "spel" lists the gambling materials, and the
// alcohol lesson that says "det spelar roll" is still there to find, below them.
import { Link } from "@remix-run/react";
import type { MaterialCard } from "~/modules/materials/catalog.server";
import { AUDIENCE_LABELS, KIND_LABELS, labelOf, listLabels } from "~/modules/materials/labels";

export function MaterialMentions({ materials }: { materials: MaterialCard[] }) {
  return (
    <section aria-labelledby="mentions-heading" className="mt-8">
      <h3 id="mentions-heading" className="mb-1 text-lg font-semibold">
        Nämns också i
      </h3>
      <p className="mb-3 text-muted">Material om annat, där det du sökte på står någonstans i texten.</p>
      <ul className="list-disc space-y-1 pl-5">
        {materials.map((material) => (
          <li key={material.slug}>
            <Link to={`/material/${material.slug}`}>{material.title}</Link>{" "}
            <span className="text-muted">
              ({labelOf(KIND_LABELS, material.kind)}, {listLabels(AUDIENCE_LABELS, material.audience)})
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
