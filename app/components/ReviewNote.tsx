// SPDX-License-Identifier: EUPL-1.2
// Who has checked a module or a material: the reader's municipality (its approval) and the
// national editorial status, shown apart. Never "utkast": printouts go to parents.
export function ReviewNote({ note }: { note: { approved: string | null; pending: string | null; national: string } }) {
  return (
    <div className="my-4 text-sm">
      {note.approved ? <p className="!mb-1 font-semibold text-brand-800">{note.approved}</p> : null}
      {note.pending ? <p className="!mb-1 text-muted print:hidden">{note.pending}</p> : null}
      <p className="!mb-0 text-muted">{note.national}</p>
    </div>
  );
}
