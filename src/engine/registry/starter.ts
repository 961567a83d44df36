/**
 * The learner's starter project in the home directory: a Dockerfile that serves one web page
 * with nginx, and the page. `docker build -t NAME .` builds it; the guided story and the
 * scenarios, which have no files of their own, build it too.
 */

export const STARTER_DOCKERFILE = `# Serve index.html with nginx: docker build -t learner/myweb .
FROM nginx
COPY index.html /usr/share/nginx/html/index.html
`;

export const STARTER_INDEX_HTML = `<!DOCTYPE html>
<html>
<head>
  <title>My web</title>
</head>
<body>
  <h1>Hello from my web!</h1>
  <p>Edit this page, then docker build and docker push it again.</p>
</body>
</html>
`;

/** The starter project as a build context: its files by path inside it. */
export const STARTER_FILES: ReadonlyMap<string, string> = new Map([
  ['Dockerfile', STARTER_DOCKERFILE],
  ['index.html', STARTER_INDEX_HTML],
]);
