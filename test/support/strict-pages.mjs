// A web-test-runner plugin for the proof harnesses:
//   /__stride/avatar.png   a 1x1 PNG, so harmless avatar addresses load (a failed avatar is taken off the page)
// Responses are built in memory; nothing is written to disk.
const AVATAR_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

/** @returns {import('@web/dev-server-core').Plugin} */
export function strictPagesPlugin() {
  return {
    name: 'stride-strict-pages',
    serve(context) {
      if (context.path === '/__stride/avatar.png') return { body: AVATAR_PNG, type: 'png' };
      return undefined;
    },
  };
}
