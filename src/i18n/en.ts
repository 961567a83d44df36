/** English text. Keys are the source of truth for the `Messages` type. */
export const en = {
  'app.title': 'Kubernetes in Motion',
  'app.tagline': 'Watch a cluster think: every request, watch and decision, step by step.',
  'lang.label': 'Language',
  'lang.ko': '한국어',
  'lang.en': 'English',
  'stage.label': 'Cluster stage',
  'stage.empty': 'The cluster diagram will appear here.',
  'footer.note':
    'A simulation of Kubernetes 1.32 that runs entirely in your browser. Nothing is sent anywhere.',
} as const;
