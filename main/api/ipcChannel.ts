/** The one IPC channel between preload and main; kept apart so the preload bundle stays tiny. */
export const IPC_CHANNEL = 'crosscheck:call';
