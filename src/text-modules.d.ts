/** Shell scripts imported `with { type: "text" }` (bundled into the executable as strings). */
declare module "*.sh" {
  const text: string;
  export default text;
}
