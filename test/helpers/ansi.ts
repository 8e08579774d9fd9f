/** The text a terminal shows: ANSI SGR colour sequences removed. */
export const stripAnsi = (text: string): string => text.replace(/\x1b\[[0-9;]*m/g, '');
