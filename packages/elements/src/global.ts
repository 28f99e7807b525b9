// Entry of dist/stride.min.js (IIFE): installs `window.Stride` itself rather than through the bundler's global
// assignment, which would overwrite the first copy's `Stride` when a page loads the bundle twice.
import './bundle.js';
