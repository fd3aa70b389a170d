// Tauri 2 injects `__TAURI_INTERNALS__` into the webview before any page
// script runs; a browser never has it. Detection is at run time because the
// very same build is served by the server and loaded by the desktop app.
export function isTauri(win: object | undefined = globalThis as object): boolean {
  return !!win && '__TAURI_INTERNALS__' in win
}
