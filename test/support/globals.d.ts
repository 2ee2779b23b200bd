// Tests read JSON bodies loosely and let their assertions do the checking.
declare global {
  interface Response {
    json(): Promise<any>;
  }
}
export {};
