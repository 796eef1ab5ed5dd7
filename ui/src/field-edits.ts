import { useState } from 'preact/hooks';
import type { DocumentKind, DocumentRead, FieldEdit } from '../../src/ui/api-types.ts';
import { api } from './api.ts';
import type { Loaded } from './use-api.ts';
import { withEdits } from './with-edits.ts';

/**
 * Form-field saving for a loaded document: `edit` sends field edits against the revision the page
 * read, and until the answer arrives `fields` already shows them, so a checkbox does not jump back
 * while its save is on the way. The answer (the document as now on disk) replaces the loaded one;
 * `onSaved` reloads what is derived from it without waiting for the live channel.
 */
export function useFieldEdits(doc: Loaded<DocumentRead>, kind: DocumentKind, name: string, onSaved?: () => void) {
  const [pending, setPending] = useState<FieldEdit[] | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const fields = doc.data?.fields ?? {};
  const edit = async (edits: FieldEdit[]) => {
    if (!doc.data) return;
    setError(null);
    setPending(edits);
    try {
      doc.mutate((await api.save(kind, name, { edits, baseRevision: doc.data.revision })).document);
      onSaved?.();
    } catch (e) {
      setError(e as Error);
    } finally {
      setPending(null);
    }
  };
  return { fields: pending ? withEdits(fields, pending) : fields, busy: pending !== null, error, edit };
}
