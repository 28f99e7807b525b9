// Files bench scenarios import that are not TypeScript: `npm run bench` bundles stylesheets as text (esbuild's text
// loader) and JSON as data.
declare module '*.css' {
  const text: string;
  export default text;
}

declare module 'us-atlas/counties-10m.json' {
  /** A TopoJSON topology (typed where it is read, through topojson-specification). */
  const topology: unknown;
  export default topology;
}
