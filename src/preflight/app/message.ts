/**
 * troubleshoot's message templates (internal/util/util.go RenderTemplate): Go text/template with
 * the standard `{{ }}` delimiters and the sprig function map, executed with an analyzer's data as
 * dot. Placeholder until the template engine has field access (being built now).
 */
export function renderGoTemplate(text: string, _data: unknown): string {
  if (!text.includes("{{")) return text;
  throw new Error("renderGoTemplate: field access not built yet");
}
