/** What the SigV4 credential scope says about a request. Signatures are not verified. */
export interface CredentialScope {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
}

const scopePattern = /Credential=([^/,\s]+)\/(\d{8})\/([^/,\s]+)\/([^/,\s]+)\/aws4_request/;

/** Reads the scope from an `Authorization: AWS4-HMAC-SHA256 Credential=...` header or a presigned URL. */
export function readCredentialScope(
  authorization: string | undefined,
  query?: URLSearchParams,
): CredentialScope | undefined {
  const fromHeader = authorization ? scopePattern.exec(authorization) : null;
  if (fromHeader) {
    return {
      accessKeyId: fromHeader[1] as string,
      date: fromHeader[2] as string,
      region: fromHeader[3] as string,
      service: fromHeader[4] as string,
    };
  }
  const credential = query?.get('X-Amz-Credential');
  if (credential) {
    const parts = credential.split('/');
    if (parts.length === 5 && parts[4] === 'aws4_request') {
      return {
        accessKeyId: parts[0] as string,
        date: parts[1] as string,
        region: parts[2] as string,
        service: parts[3] as string,
      };
    }
  }
  return undefined;
}
