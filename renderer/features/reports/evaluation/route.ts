/** `#/evaluation/<id>`: one evaluation from the reports, read-only (own or pulled from head office). */
export function evaluationHash(id: string): string {
  return `#/evaluation/${encodeURIComponent(id)}`;
}

export function evaluationIdFromHash(hash = window.location.hash): string | null {
  const [page, id] = hash.replace(/^#\/?/, '').split('/');
  return page === 'evaluation' && id ? decodeURIComponent(id) : null;
}
