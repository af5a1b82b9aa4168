using System.Net.Http.Headers;

namespace CamBuild.Deploy.Proxmox.Api;

/// <summary>
/// <c>POST …/storage/{storage}/upload</c> as Proxmox's parser wants it: multipart with a Content-Length, the fields
/// <c>content</c>, <c>checksum-algorithm</c>, <c>checksum</c> before the file part named <c>filename</c>.
/// </summary>
internal static class TemplateUpload
{
    public static async Task<Upid> SendAsync(ProxmoxApi api, string node, string storage, string localFile, string fileName, string sha256,
        CancellationToken ct)
    {
        var path = $"/nodes/{Uri.EscapeDataString(node)}/storage/{Uri.EscapeDataString(storage)}/upload";
        var data = await api.Transport.SendWithPolicyAsync(HttpMethod.Post, path, () =>
        {
            var request = api.Transport.BuildRequest(HttpMethod.Post, path, []);
            var form = new MultipartFormDataContent();
            form.Add(new StringContent("vztmpl"), "content");
            form.Add(new StringContent("sha256"), "checksum-algorithm");
            form.Add(new StringContent(sha256.ToLowerInvariant()), "checksum");
            var file = new StreamContent(File.OpenRead(localFile));
            file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            file.Headers.ContentLength = new FileInfo(localFile).Length;
            form.Add(file, "filename", fileName);
            request.Content = form;
            return request;
        }, ct).ConfigureAwait(false);
        return ProxmoxApi.ToUpid(data);
    }
}
