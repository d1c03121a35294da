import { contextBridge, ipcRenderer } from 'electron';
import type { CrosscheckBridge } from '../contract/contract.ts';
import { IPC_CHANNEL } from '../api/ipcChannel.ts';

// The renderer sees exactly one function; main validates the method and payload.
const bridge: CrosscheckBridge = {
  call: (method, input) => ipcRenderer.invoke(IPC_CHANNEL, method, input),
};

contextBridge.exposeInMainWorld('crosscheck', bridge);
