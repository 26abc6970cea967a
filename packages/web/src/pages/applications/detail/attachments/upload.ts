/**
 * A multipart upload that reports its progress (fetch cannot report an upload's progress, XMLHttpRequest can),
 * with the same CSRF token as the JSON client (refetched and retried once when rejected) and problem+json
 * errors as ApiError.
 */
import { buildUrl, getCsrfToken, resetCsrfToken } from '../../../../api/client';
import { ApiError, networkError, problemFromResponse } from '../../../../api/errors';

export async function uploadWithProgress<T>(path: string, file: File, onProgress: (percent: number) => void, retried = false): Promise<T> {
  const body = new FormData();
  body.append('file', file, file.name);
  const token = await getCsrfToken();
  const res = await new Promise<Response>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', buildUrl(path));
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json, application/problem+json');
    xhr.setRequestHeader('x-csrf-token', token);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.min(99, Math.floor((e.loaded / e.total) * 100)));
    };
    xhr.onload = () => resolve(new Response(xhr.responseText, { status: xhr.status, headers: { 'content-type': xhr.getResponseHeader('content-type') ?? '' } }));
    xhr.onerror = () => reject(networkError());
    xhr.onabort = () => reject(networkError());
    xhr.send(body);
  });
  if (res.ok) {
    onProgress(100);
    return (await res.json()) as T;
  }
  const problem = await problemFromResponse(res);
  if (problem.status === 403 && problem.code === 'CSRF_INVALID' && !retried) {
    resetCsrfToken();
    return uploadWithProgress<T>(path, file, onProgress, true);
  }
  throw problem instanceof ApiError ? problem : networkError();
}
