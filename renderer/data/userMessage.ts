/**
 * An error in words for the analyst: main's validation names its request
 * ("Invalid articles.updateMetadata request: published: …"), which says
 * nothing to a reader; the field and the reason do.
 */
export function userMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const invalid = /^Invalid [\w.]+ request: (.*)$/s.exec(message);
  if (invalid) return `Not saved: ${invalid[1]}`;
  return message;
}
