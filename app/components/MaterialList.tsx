// SPDX-License-Identifier: EUPL-1.2
// The material library's results: one card per material with its audience, kind, length and topics.
import { Link } from "@remix-run/react";
import type { MaterialCard } from "~/modules/materials/catalog.server";
import { AUDIENCE_LABELS, KIND_LABELS, labelOf, listLabels, minutesLabel, TOPIC_LABELS } from "~/modules/materials/labels";

export function MaterialList({ materials }: { materials: MaterialCard[] }) {
  return (
    <ul className="space-y-4">
      {materials.map((material) => (
        <li key={material.slug} className="card">
          <h3 className="text-lg font-semibold">
            <Link to={`/material/${material.slug}`}>{material.title}</Link>
          </h3>
          <p className="mb-3">{material.summary}</p>
          <dl className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
            <dt className="font-semibold">Målgrupp</dt>
            <dd>{listLabels(AUDIENCE_LABELS, material.audience)}</dd>
            <dt className="font-semibold">Typ</dt>
            <dd>
              {labelOf(KIND_LABELS, material.kind)}, {minutesLabel(material.minutes)}
            </dd>
            <dt className="font-semibold">Ämne</dt>
            <dd>{listLabels(TOPIC_LABELS, material.topics)}</dd>
          </dl>
          {material.visibility === "staff" ? <p className="badge mt-3">För skolpersonal, kräver inloggning</p> : null}
        </li>
      ))}
    </ul>
  );
}
