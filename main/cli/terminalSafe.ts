/**
 * Text bound for a terminal with every control character a terminal would act
 * on made visible as a \uXXXX escape: ESC and CSI sequences (colours, screen
 * clears, title changes, clipboard writes through OSC 52), carriage returns that
 * overwrite a line, DEL. Tab and newline stay as they are. Titles, file names and
 * notes come from imported files, so none of them may reach the terminal raw.
 * JSON output stays valid: JSON.stringify already escapes C0, and \uXXXX is JSON's own escape.
 */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

export function terminalSafe(text: string): string {
  return text.replace(CONTROL, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
