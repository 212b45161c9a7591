/**
 * The one route a file takes into the app, whether it is dropped or chosen with "Open file…".
 * The editor's own route is the layout importer; the app shell installs a richer one (PNGs with
 * an embedded layout restore it with their settings) through `useFileDrop(onFile)`, and the file
 * picker then uses that same route, so both read exactly the same files.
 */
import { importLayoutFile } from './importLayout';

export type FileRoute = (file: File) => void;

const defaultRoute: FileRoute = (file) => void importLayoutFile(file);
let route: FileRoute = defaultRoute;

/** Installs the app's route; returns a function that restores the previous one. */
export function setFileRoute(next: FileRoute): () => void {
  const previous = route;
  route = next;
  return () => {
    if (route === next) route = previous;
  };
}

/** Sends a dropped or chosen file where the app reads files. */
export function openFile(file: File): void {
  route(file);
}
