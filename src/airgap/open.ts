import type { AirgapBundle } from "./index.ts";
/** {@inheritDoc index.openAirgapBundle} */
export async function openAirgapBundle(file: string, opts: { expectAppSlug?: string; onEvent?: (e: { type: "bundle-read"; file: string; bytesRead: number; bytesTotal: number }) => void } = {}): Promise<AirgapBundle> {
  void opts;
  throw new Error(`not implemented yet: ${file}`);
}
