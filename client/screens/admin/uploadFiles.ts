/**
 * Sends files to the streaming import endpoint with XMLHttpRequest, the one browser API that reports
 * upload progress; tRPC's JSON body (capped at 256 KB) is not for files.
 */
export interface UploadResult {
  ok: boolean;
  body: { error?: string; total?: number; inserted?: number; unchanged?: number; lines?: number; [k: string]: unknown };
}

export function uploadForm(url: string, form: FormData, onProgress: (share: number) => void): Promise<UploadResult> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => {
      let body: UploadResult['body'];
      try {
        body = JSON.parse(xhr.responseText) as UploadResult['body'];
      } catch {
        body = { error: `the server answered ${xhr.status} ${xhr.statusText}` };
      }
      resolve({ ok: xhr.status === 200, body });
    };
    xhr.onerror = () => reject(new Error('The upload failed: the server cannot be reached. Check your connection and retry.'));
    xhr.send(form);
  });
}

/**
 * A folder picked with `webkitdirectory` gives paths like `mydata/img/x.png`: the dataset is the
 * .jsonl at its top, and each image is named by its path below that folder, as the lines give it.
 */
export function datasetForm(dataset: File, folder: File[], pool: 'benchmark' | 'practice'): FormData {
  const form = new FormData();
  form.append('pool', pool);
  form.append('dataset', dataset, dataset.name);
  for (const f of folder) {
    const rel = (f.webkitRelativePath || f.name).split('/').slice(1).join('/');
    if (rel && f !== dataset && !rel.endsWith('.jsonl')) form.append('image', f, rel);
  }
  return form;
}
