import { contextBridge } from 'electron';

contextBridge.exposeInMainWorld('accord', {});
