import type { AirgapBundle, AirgapPushEvent, AirgapPushTarget, AirgapPushedImage } from "./index.ts";
/** {@inheritDoc index.pushAirgapImages} */
export async function pushAirgapImages(
  bundle: AirgapBundle,
  target: AirgapPushTarget,
  opts: { images?: string[]; onEvent?: (e: AirgapPushEvent) => void; signal?: AbortSignal } = {},
): Promise<{ images: AirgapPushedImage[] }> {
  void target;
  void opts;
  throw new Error(`not implemented yet: ${bundle.file}`);
}
