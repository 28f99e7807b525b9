// Stylesheets imported by bench scenarios: `npm run bench` bundles them as text (esbuild's text loader).
declare module '*.css' {
  const text: string;
  export default text;
}
