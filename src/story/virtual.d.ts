/** The stories the Vite plugin (`vitePlugin.ts`) serves as data. */
declare module 'virtual:story/container-flow' {
  const story: import('./types.ts').Story;
  export default story;
}
