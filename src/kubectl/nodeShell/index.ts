/** The node shell (`ssh NODE`): what the console's shell hooks into. */
export { runNodeCommand, type ShellAccess } from './commands.ts';
export {
  activeHost,
  loginEnv,
  loginsSnapshot,
  restoreLogins,
  shellPrompt,
} from './session.ts';
