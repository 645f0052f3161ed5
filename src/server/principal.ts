/** Who a request acts for, once authenticated (by a token, auth.ts, or a JWT, jwt.ts): in a module of its own, below both. */
export interface Principal {
  name: string;
  kommune: string | undefined;
  admin: boolean;
}
