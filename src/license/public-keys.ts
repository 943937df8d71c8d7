/**
 * Replicated's global license-signing public keys (public facts). A global key signs each app's
 * public key; the license's keySignature names the global key by `globalKeyId`.
 * Source: KOTS pkg/license/public_keys.go and kotskinds pkg/crypto/signature.go (PublicKeysRSA).
 */
export interface GlobalKeyConstant {
  /** The globalKeyId a license's keySignature carries (32 hex digits). */
  readonly id: string;
  readonly name: string;
  /** SubjectPublicKeyInfo PEM ("BEGIN PUBLIC KEY"), RSA 2048. */
  readonly pem: string;
}

export const REPLICATED_PRODUCTION_KEY: GlobalKeyConstant = {
  id: "bdee56560cfb43c9b28bf98eacafa646",
  name: "Replicated Production",
  pem: `-----BEGIN PUBLIC KEY-----
MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAwdSHE8v64QH/yELBoPBl
GanhS3AD5vMAaqLLFnftwjmDKrxWwqNB9w1GVJWb5gVLvt/UlE/k+HVr5HFdomVI
TMvnvxhD0UvNyGFuUbXBMvQPPW9joR48LcCBLZl+RZTqR5HRhsIbujiExRDnteaq
mU1jG/oVlQkRoyOYrObTeoD0BdcZAr2PdGvgvJvpZduZtrKvjvsSJEBYExoPtko+
8AqhMBAI+qX1/SMix21qpmYSYLNeqN2Pplna0p2MK8yyaHY8KSqTF90ZJF1+P0ZF
MLt6S8/6PIX9WD+vFqmDpW1GCkB+p2OfxsYiAIX1ej98Ck3hoPQnOuiFIovV8aFQ
bQIDAQAB
-----END PUBLIC KEY-----
`,
};

export const REPLICATED_STAGING_KEY: GlobalKeyConstant = {
  id: "de2c275656d04b1bb0f15cf70f0ea2a2",
  name: "Replicated Staging",
  pem: `-----BEGIN PUBLIC KEY-----
MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA2hHg1HER6NYlsqBs+B+B
txibtctT6YB5kxgE1sz7UmVnlcLs+Olc4OZJwD4vLsEU60SVW0HRoTfaGaradv0R
GUIxlFRSOnzjZEMkm/YKL3sdPQigi2m9O0P5tC9LQvzk49dFg5HJxiLODCgWwJ9g
q3pGs8OaAc0dop/tqUE7WqQfHLWJdTPP5pVDLDWybfAO4OmgVmx+oVXdCfMVlOzu
num6SOF+eBuERXQGbEfnd6eSRVokWhfMCfXNPTYtq14DaK9tvX4uzHsub+Asn6UN
OBIAESJntpZfdDDrNqbfOQYql2rqx1lJtU7lVFbTQTkKhj4teInEGO6FvLzy0UE9
swIDAQAB
-----END PUBLIC KEY-----
`,
};

export const REPLICATED_DEV_KEY: GlobalKeyConstant = {
  id: "1d3f7f6b50714fe7b895554dd65773b0",
  name: "Replicated Dev",
  pem: `-----BEGIN PUBLIC KEY-----
MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAugyKfZV2gIDaY1Rzkjoo
fbNywGa04sGQIAqYwifMay2e2xzqRwswTRHQnr9SIWypkN86Cfn6QzOB8kkjERC1
DPNdsiKdjBFdcLaxxdyHgrXLgfdzhh6We+Lpq19JT5LCK3PXleZgt/a0aRBpIc1l
xKs57d8MTWUTVh3W3WYi6LbqAPScdmSiG7A145HhKXmmtZFEv4puE5dKmS5lkV2d
VU789XWrNFk74FKKHVwYMdppqAabB6cRBmU8YFiVEULOn+d1FtKRbO/vv/fbA9nX
PUG/1PgEQHogP+3cC4J7b7s9+kBmtHkpSq9x+OUu/5B+nT21dooS6adfQiI8iB/+
NQIDAQAB
-----END PUBLIC KEY-----
`,
};

/** All built-in global keys, production first. */
export const REPLICATED_GLOBAL_KEYS: readonly GlobalKeyConstant[] = [
  REPLICATED_PRODUCTION_KEY,
  REPLICATED_STAGING_KEY,
  REPLICATED_DEV_KEY,
];
