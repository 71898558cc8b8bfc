// Node's own import(), for integrations: Astro loads them through Vite's module runner, whose
// import() cannot load a file the build has just written (the runner is closed by then).
// Loaded with createRequire, this file and its import() stay outside the runner.
module.exports = (url) => import(url);
