/** The template engine's build outputs (src/templates/generated/, templates/build-wasm.ts), imported as a file path and as text. */
declare module "*.wasm.zst" {
  const path: string;
  export default path;
}
declare module "*.js.txt" {
  const text: string;
  export default text;
}
