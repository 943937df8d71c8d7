/** Options of buildAirgapBundle (filled in with the implementation). */
export interface BuildAirgapOptions {
  releaseDir: string;
  licenseFile: string;
  output: string;
}
export interface BuildAirgapResult {
  file: string;
  images: string[];
}
/** Builds a bundle (not implemented yet). */
export async function buildAirgapBundle(o: BuildAirgapOptions): Promise<BuildAirgapResult> {
  throw new Error(`not implemented yet: ${o.output}`);
}
